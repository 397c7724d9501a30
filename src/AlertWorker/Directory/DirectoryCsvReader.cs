using AlertWorker.Configuration;
using CsvHelper;

namespace AlertWorker.Directory;

/// <summary>One data row of a directory CSV file: its first physical line and its values by column name.</summary>
internal sealed class DirectoryCsvRow(int line, Dictionary<string, string> values)
{
    public int Line { get; } = line;

    /// <summary>The trimmed value of the column, "" when the column is absent or the field empty.</summary>
    public string this[string column] => values.GetValueOrDefault(column, "");
}

/// <summary>
/// Reads the CSV files of config/directory/ as Excel and people write them: UTF-8 with or without a
/// BOM, CRLF or LF, quoted fields holding commas and line breaks, <c>#</c> comment lines, empty lines,
/// columns in any order found by header name (case and surrounding spaces ignored), extra columns ignored.
/// </summary>
internal static class DirectoryCsvReader
{
    /// <summary>
    /// The data rows of the file's text, skipping rows whose known columns are all empty (Excel leaves
    /// <c>,,,</c> rows behind). Null, after adding a problem, when there is no text (the file was
    /// missing or not UTF-8) or its header lacks a required column.
    /// </summary>
    public static IReadOnlyList<DirectoryCsvRow>? Read(
        string? text,
        string relativePath,
        IReadOnlyList<string> requiredColumns,
        IReadOnlyList<string> optionalColumns,
        ICollection<ConfigProblem> problems)
    {
        if (text is null)
            return null;

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            CommentPrefix = '#',
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            OnMalformedRecord = record =>
            {
                if (QuotingProblem(record.Reason) is { } message)
                    problems.Add(new ConfigProblem(relativePath, (int)record.LineNumber, message));
            },
        };
        using var reader = CsvReader.FromText(text, options);
        reader.ReadHeader();
        var headerLine = Math.Max(1, (int)reader.LineNumber);
        if (reader.Headers.Count == 0)
        {
            problems.Add(new ConfigProblem(relativePath, headerLine, $"no header row (expected columns {string.Join(",", requiredColumns)})"));
            return null;
        }

        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var column in requiredColumns.Concat(optionalColumns))
        {
            if (reader.TryGetFieldIndex(column, out var index))
                indexes[column] = index;
            else if (requiredColumns.Contains(column))
                missing.Add(column);
        }
        if (missing.Count > 0)
        {
            var found = string.Join(",", reader.Headers);
            problems.Add(new ConfigProblem(relativePath, headerLine,
                $"the header lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} (found: {found})"));
            return null;
        }

        var rows = new List<DirectoryCsvRow>();
        while (reader.Read())
        {
            var values = new Dictionary<string, string>(indexes.Count, StringComparer.Ordinal);
            foreach (var (column, index) in indexes)
                values[column] = reader.GetString(index).Trim();
            if (values.Values.All(v => v.Length == 0))
                continue;
            rows.Add(new DirectoryCsvRow((int)reader.LineNumber, values));
        }
        return rows;
    }

    /// <summary>A stray quote inside an unquoted field (<c>ab"c</c>) reads as text, as Excel meant it; the rest is an error.</summary>
    private static string? QuotingProblem(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => null,
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote (quote the whole field and double any quote inside it)",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed (the rest of the file is read as one field)",
        _ => $"malformed CSV ({reason})",
    };
}
