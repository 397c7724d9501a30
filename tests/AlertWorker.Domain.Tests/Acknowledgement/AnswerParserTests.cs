using AlertWorker.Domain.Acknowledgement;

namespace AlertWorker.Domain.Tests.Acknowledgement;

public class AnswerParserTests
{
    [Theory]
    // the words of SPEC §7, as typed
    [InlineData("收到", null)]
    [InlineData("确认", null)]
    [InlineData("1", null)]
    [InlineData("ok", null)]
    [InlineData("ack", null)]
    [InlineData("y", null)]
    [InlineData("yes", null)]
    // trimmed, case-insensitive
    [InlineData("  OK \n", null)]
    [InlineData("Yes", null)]
    // full-width digits and letters (a Chinese keyboard) folded
    [InlineData("１", null)]
    [InlineData("ＯＫ", null)]
    // trailing punctuation, half- or full-width
    [InlineData("yes!", null)]
    [InlineData("收到！", null)]
    [InlineData("收到。", null)]
    // 收到了 / 确认了: how people write "received"; the particle adds nothing
    [InlineData("收到了", null)]
    [InlineData("确认了！", null)]
    // with a short code: space, punctuation, full-width space or nothing between
    [InlineData("确认 A7K2", "A7K2")]
    [InlineData("ok a7k2", "A7K2")]
    [InlineData("1A7K2", "A7K2")]
    [InlineData("收到A7K2", "A7K2")]
    [InlineData("收到，A7K2。", "A7K2")]
    [InlineData("收到　ａ７ｋ２", "A7K2")]
    [InlineData("y-B8M3", "B8M3")]
    [InlineData("收到了 C9N4", "C9N4")]
    // a longer code (the generator lengthens codes when short ones run out)
    [InlineData("ok A7K2M", "A7K2M")]
    public void Parse_Acknowledgement_AcknowledgesWithCodeOrNone(string body, string? code)
    {
        Assert.Equal(new Answer.Acknowledge(code), AnswerParser.Parse(body));
    }

    [Theory]
    // "no"
    [InlineData("不")]
    // a question, not an answer
    [InlineData("收到吗")]
    [InlineData("收到了吗？")]
    // a sentence that starts with an answer word
    [InlineData("收到，但是路断了过不去")]
    [InlineData("ok thanks a lot")]
    // other words and digits
    [InlineData("好的")]
    [InlineData("2")]
    [InlineData("11")]
    [InlineData("okay")]
    [InlineData("yeah")]
    [InlineData("no")]
    // a code too short or too long to be one
    [InlineData("ok A7K")]
    [InlineData("ok A7K2M9P3Q")]
    // nothing at all
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_AnythingElse_FreeTextAsItCame(string body)
    {
        Assert.Equal(new Answer.FreeText(body), AnswerParser.Parse(body));
    }
}
