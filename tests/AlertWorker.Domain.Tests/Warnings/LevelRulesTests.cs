using AlertWorker.Domain.Warnings;

namespace AlertWorker.Domain.Tests.Warnings;

public class LevelRulesTests
{
    private static WarningInfo Info(
        Severity severity = Severity.Unknown,
        (string Name, string Value)[]? eventCodes = null,
        (string Name, string Value)[]? parameters = null,
        int? risk = null) => new()
    {
        Event = "test",
        Severity = severity,
        EventCodes = (eventCodes ?? []).Select(c => new NamedValue(c.Name, c.Value)).ToList(),
        Parameters = (parameters ?? []).Select(c => new NamedValue(c.Name, c.Value)).ToList(),
        RiskLevel = risk,
    };

    public static TheoryData<string, WarningInfo, Level> Rows => new()
    {
        // Chinese colour word in an event code beats severity
        { "colour in eventCode", Info(Severity.Minor, eventCodes: [("signal", "暴雨红色预警")]), Level.Red },
        // Traditional characters
        { "traditional 黃色", Info(Severity.Extreme, parameters: [("警戒顏色", "x"), ("level", "黃色")]), Level.Yellow },
        // MeteoAlarm awareness_level
        { "awareness_level", Info(Severity.Severe, parameters: [("awareness_level", "3; orange; Severe")]), Level.Orange },
        // several colours named: the highest
        { "highest of several", Info(parameters: [("颜色", "蓝色"), ("级别", "橙色")]), Level.Orange },
        // a colour in a parameter that is not about level is ignored
        { "unrelated parameter", Info(Severity.Minor, parameters: [("description", "red sky")]), Level.Blue },
        // 'red' must be a whole word
        { "not a whole word", Info(Severity.Moderate, eventCodes: [("x", "reduced visibility")]), Level.Yellow },
        // CMA TTCC: 0501 gale blue
        { "CMA 0501", Info(Severity.Extreme, eventCodes: [("CMA", "0501")]), Level.Blue },
        // CMA local type 91, colour 04 red
        { "CMA 9104", Info(eventCodes: [("CMA", "9104")]), Level.Red },
        // type 15 is not a CMA type: falls to severity
        { "CMA type 15", Info(Severity.Moderate, eventCodes: [("CMA", "1504")]), Level.Yellow },
        // geohazard risk level 2
        { "geohazard 2", Info(Severity.Minor, risk: 2), Level.Orange },
        { "severity Extreme", Info(Severity.Extreme), Level.Red },
        { "severity Unknown", Info(), Level.None },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Of_Rule_GivesLevel(string row, WarningInfo info, Level expected)
    {
        Assert.True(expected == LevelRules.Of(info), row);
    }
}
