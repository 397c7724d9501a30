using AlertWorker.Domain.Dispatch;

namespace AlertWorker.Domain.Tests.Dispatch;

public class SmsTextTests
{
    public static TheoryData<string, SmsEncoding, int, int> Lengths => new()
    {
        // pure Chinese at the single-message limit
        { new string('雨', 70), SmsEncoding.Ucs2, 70, 1 },
        // one more: two parts of 67
        { new string('雨', 71), SmsEncoding.Ucs2, 71, 2 },
        // two full parts
        { new string('雨', 134), SmsEncoding.Ucs2, 134, 2 },
        // one over two parts
        { new string('雨', 135), SmsEncoding.Ucs2, 135, 3 },
        // GSM-7 at the single-message limit
        { new string('a', 160), SmsEncoding.Gsm7, 160, 1 },
        // one more: two parts of 153
        { new string('a', 161), SmsEncoding.Gsm7, 161, 2 },
        // an extension character takes two septets: 159 + 2 = 161
        { new string('a', 159) + "€", SmsEncoding.Gsm7, 161, 2 },
        // 152 + an extension character cannot be split: it starts the second part
        { new string('a', 152) + "[" + new string('a', 152), SmsEncoding.Gsm7, 306, 3 },
        // one Chinese character turns everything into UCS-2
        { new string('a', 69) + "雨", SmsEncoding.Ucs2, 70, 1 },
        // an emoji is a surrogate pair: two UCS-2 units
        { new string('雨', 69) + "🌧", SmsEncoding.Ucs2, 71, 2 },
        // a surrogate pair is never split over two parts: 66 + pair does not fit 67, 67 + 67 + 2
        { new string('雨', 66) + "🌧" + new string('雨', 66), SmsEncoding.Ucs2, 134, 3 },
        // an empty text is still one message
        { "", SmsEncoding.Gsm7, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Measure_Text_EncodingUnitsAndSegments(string text, SmsEncoding encoding, int units, int segments)
    {
        Assert.Equal(new SmsLength(encoding, units, segments), SmsText.Measure(text));
    }

    [Theory]
    // short enough: unchanged, hint on its own line
    [InlineData(20, 3)]
    // too long for one segment: cut to fit one
    [InlineData(300, 1)]
    // too long for three
    [InlineData(500, 3)]
    public void Fit_ChineseBody_StaysWithinTheLimitAndKeepsTheHint(int bodyLength, int maxSegments)
    {
        var body = string.Concat(Enumerable.Repeat("红色暴雨预警请立即撤离", bodyLength / 11 + 1))[..bodyLength];
        const string hint = "请回复“收到 K7QX”确认。";

        var text = SmsText.Fit(body, hint, maxSegments);

        Assert.True(SmsText.Measure(text).Segments <= maxSegments, $"{SmsText.Measure(text)}");
        Assert.EndsWith("\n" + hint, text);
        var kept = text[..^(hint.Length + 1)];
        if (SmsText.Measure(body + "\n" + hint).Segments <= maxSegments) Assert.Equal(body, kept);
        else
        {
            Assert.EndsWith("…", kept);
            // the longest cut that fits: one more character would not
            Assert.True(SmsText.Measure(body[..kept.Length] + "…\n" + hint).Segments > maxSegments);
        }
    }

    [Fact]
    public void Fit_GsmBody_CutsWithThreeDotsAndStaysGsm()
    {
        var text = SmsText.Fit(new string('a', 400), "Reply OK K7QX to confirm.", 1);

        Assert.Equal(new SmsLength(SmsEncoding.Gsm7, 160, 1), SmsText.Measure(text));
        Assert.EndsWith("...\nReply OK K7QX to confirm.", text);
    }

    [Fact]
    public void Fit_HintAloneTooLong_SendsTheHintOnly()
    {
        var hint = new string('码', 80) + " K7QX";

        Assert.Equal(hint, SmsText.Fit("正文", hint, 1));
    }

    [Fact]
    public void Fit_CutAtAnEmoji_NeverSplitsTheSurrogatePair()
    {
        var body = new string('雨', 60) + "🌧🌧🌧🌧🌧🌧";

        var text = SmsText.Fit(body, "回复1", 1);

        Assert.Equal(1, SmsText.Measure(text).Segments);
        for (var k = 0; k < text.Length; k++)
        {
            if (char.IsHighSurrogate(text[k])) Assert.True(char.IsLowSurrogate(text[++k]), $"lone high surrogate at {k - 1}");
            else Assert.False(char.IsLowSurrogate(text[k]), $"lone low surrogate at {k}");
        }
        Assert.EndsWith("…\n回复1", text);
    }
}
