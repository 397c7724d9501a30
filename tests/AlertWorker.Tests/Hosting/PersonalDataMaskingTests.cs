using AlertWorker.Hosting;

namespace AlertWorker.Tests.Hosting;

public class PersonalDataMaskingTests
{
    [Theory]
    // a config problem quoting a bad phone keeps the last 4 digits only
    [InlineData("directory/people.csv:14: phone '+8613800138000' is not valid", "directory/people.csv:14: phone '**********8000' is not valid")]
    // an email keeps its first letter and domain
    [InlineData("bounce from wang.ming@qinglan.gov.cn", "bounce from w***@qinglan.gov.cn")]
    // ids, dates and small numbers stay as they are
    [InlineData("P-042 at 2026-06-14T08:00:00+08:00, 27 notifications", "P-042 at 2026-06-14T08:00:00+08:00, 27 notifications")]
    // spaced international form, and a mobile number without country code
    [InlineData("phones +86 138 0013 8000 and 13900139000", "phones *************8000 and *******9000")]
    // a warning key with long digit runs is no phone number
    [InlineData("青岚县气象台|51182941600000_20260614053000_0", "青岚县气象台|51182941600000_20260614053000_0")]
    public void Mask_Text_HidesContactDetails(string text, string expected)
    {
        Assert.Equal(expected, PersonalDataMasking.Mask(text));
    }
}
