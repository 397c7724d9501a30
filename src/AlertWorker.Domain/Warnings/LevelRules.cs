namespace AlertWorker.Domain.Warnings;

/// <summary>
/// The level of one info block, first found (SPEC §5): a colour named in an eventCode value or
/// in a level/colour parameter; a CMA 4-digit type+colour code in an eventCode; the geohazard
/// risk level; else the CAP severity.
/// </summary>
public static class LevelRules
{
    private static readonly string[] LevelParameterHints = ["level", "color", "colour", "awareness", "级别", "颜色"];

    public static Level Of(WarningInfo info)
    {
        var named = ColourNamed(info.EventCodes.Select(c => c.Value)
            .Concat(info.Parameters.Where(p => IsLevelParameter(p.ValueName)).Select(p => p.Value)));
        if (named != Level.None) return named;

        foreach (var code in info.EventCodes)
        {
            var cma = CmaCode(code.Value);
            if (cma != Level.None) return cma;
        }

        if (info.RiskLevel is { } risk) return GeohazardLevel(risk);

        return FromSeverity(info.Severity);
    }

    public static bool IsLevelParameter(string valueName) =>
        LevelParameterHints.Any(h => valueName.Contains(h, StringComparison.OrdinalIgnoreCase));

    /// <summary>The highest colour named in any of the texts (Chinese colour words, simplified or
    /// traditional, or the whole English words).</summary>
    public static Level ColourNamed(IEnumerable<string> texts)
    {
        var best = Level.None;
        foreach (var text in texts)
        {
            var l = ColourNamed(text);
            if (l > best) best = l;
        }
        return best;
    }

    public static Level ColourNamed(string text)
    {
        if (string.IsNullOrEmpty(text)) return Level.None;
        if (text.Contains("红色") || text.Contains("紅色") || HasWord(text, "red")) return Level.Red;
        if (text.Contains("橙色") || HasWord(text, "orange")) return Level.Orange;
        if (text.Contains("黄色") || text.Contains("黃色") || HasWord(text, "yellow")) return Level.Yellow;
        if (text.Contains("蓝色") || text.Contains("藍色") || HasWord(text, "blue")) return Level.Blue;
        return Level.None;
    }

    /// <summary>A CMA <c>TTCC</c> code: TT 01–14 or 91–96, CC 01 blue .. 04 red (DOMAIN.md §1).</summary>
    public static Level CmaCode(string value)
    {
        var v = value.Trim();
        if (v.Length != 4 || !v.All(char.IsAsciiDigit)) return Level.None;
        var type = int.Parse(v.AsSpan(0, 2));
        var colour = int.Parse(v.AsSpan(2, 2));
        var typeOk = type is >= 1 and <= 14 or >= 91 and <= 96;
        if (!typeOk) return Level.None;
        return colour switch
        {
            1 => Level.Blue,
            2 => Level.Yellow,
            3 => Level.Orange,
            4 => Level.Red,
            _ => Level.None,
        };
    }

    /// <summary>Geohazard risk level 1 (very high) .. 4 (some risk).</summary>
    public static Level GeohazardLevel(int riskLevel) => riskLevel switch
    {
        1 => Level.Red,
        2 => Level.Orange,
        3 => Level.Yellow,
        4 => Level.Blue,
        _ => Level.None,
    };

    public static Level FromSeverity(Severity severity) => severity switch
    {
        Severity.Extreme => Level.Red,
        Severity.Severe => Level.Orange,
        Severity.Moderate => Level.Yellow,
        Severity.Minor => Level.Blue,
        _ => Level.None,
    };

    private static bool HasWord(string text, string word)
    {
        var i = 0;
        while ((i = text.IndexOf(word, i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = i == 0 || !char.IsLetter(text[i - 1]);
            var end = i + word.Length;
            var after = end >= text.Length || !char.IsLetter(text[end]);
            if (before && after) return true;
            i = end;
        }
        return false;
    }
}
