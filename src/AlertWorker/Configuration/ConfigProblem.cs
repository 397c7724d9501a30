namespace AlertWorker.Configuration;

/// <summary>
/// One problem found in a config file. <see cref="File"/> is relative to the config folder with
/// forward slashes (<c>directory/people.csv</c>); <see cref="Line"/> is the 1-based physical line,
/// or 0 when the problem concerns the file as a whole (missing, unreadable).
/// </summary>
public sealed record ConfigProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>What a config loader returns: the validated value, or every problem found (never both).</summary>
public record LoadResult<T>(T? Value, IReadOnlyList<ConfigProblem> Problems)
    where T : class
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null && Problems.Count == 0;

    public static LoadResult<T> From(T value, IReadOnlyList<ConfigProblem> problems) =>
        problems.Count == 0 ? new(value, []) : new(null, problems);
}
