using System.Text.Json;

namespace AlertWorker.Tests.Replay;

/// <summary>Compares JSON structurally (property order free, array order significant) and fails
/// with the path of the first difference. The expected side may carry // comments.</summary>
internal static class JsonAssert
{
    private static readonly JsonDocumentOptions ExpectedOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static void Equal(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected, ExpectedOptions);
        using var a = JsonDocument.Parse(actual);
        if (FirstDifference(e.RootElement, a.RootElement, "$") is { } difference)
            Assert.Fail($"{difference}{Environment.NewLine}actual output:{Environment.NewLine}{actual}");
    }

    private static string? FirstDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
            return $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (expectedNames.Except(actualNames).FirstOrDefault() is { } missing)
                    return $"{path}: property '{missing}' is missing";
                if (actualNames.Except(expectedNames).FirstOrDefault() is { } extra)
                    return $"{path}: unexpected property '{extra}' = {actual.GetProperty(extra).GetRawText()}";
                foreach (var name in expectedNames)
                {
                    if (FirstDifference(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}") is { } d)
                        return d;
                }
                return null;
            case JsonValueKind.Array:
                var e = expected.EnumerateArray().ToList();
                var a = actual.EnumerateArray().ToList();
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } d)
                        return d;
                }
                return e.Count == a.Count ? null
                    : $"{path}: expected {e.Count} item(s), got {a.Count}; first {(e.Count > a.Count ? "missing" : "unexpected")}: {(e.Count > a.Count ? e[a.Count] : a[e.Count]).GetRawText()}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null
                    : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            default:
                return expected.GetRawText() == actual.GetRawText() ? null
                    : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }
}
