using AlertWorker.Domain.Directory;

namespace AlertWorker.Directory;

public enum ChangeAction { Added, Changed, Removed, Loaded }

/// <summary>
/// One row of one table that a new directory version adds, changes or removes, with its columns
/// before and after; <see cref="ChangeAction.Loaded"/> stands for a whole table of a first version
/// (its key is the row count: listing every row of a first load would only repeat the files).
/// </summary>
public sealed record DirectoryChange(
    DirectoryTable Table, ChangeAction Action, string Key, IReadOnlyList<string>? Before, IReadOnlyList<string>? After)
{
    /// <summary>The columns whose values differ, for a changed row.</summary>
    public IEnumerable<string> ChangedColumns =>
        Before is null || After is null ? [] : Table.Columns.Where((_, i) => Before[i] != After[i]);
}

/// <summary>What changes from one directory version to the next, table by table, row by row (by key).</summary>
public static class DirectoryDiff
{
    public static IReadOnlyList<DirectoryChange> Between(DirectorySnapshot? before, DirectorySnapshot after)
    {
        if (before is null)
            return [.. DirectoryTables.All.Select(t => new DirectoryChange(t, ChangeAction.Loaded, DirectoryTables.Rows(t, after).Count.ToString(), null, null))];
        var changes = new List<DirectoryChange>();
        foreach (var table in DirectoryTables.All)
            changes.AddRange(Between(table, DirectoryTables.Rows(table, before), DirectoryTables.Rows(table, after)));
        return changes;
    }

    /// <summary>Added and changed rows in the new order, then removed rows in the old order.</summary>
    public static IEnumerable<DirectoryChange> Between(DirectoryTable table, IReadOnlyList<string[]> before, IReadOnlyList<string[]> after)
    {
        var old = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in before) old.TryAdd(table.Key(row), row);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in after)
        {
            var key = table.Key(row);
            if (!kept.Add(key)) continue;
            if (!old.TryGetValue(key, out var previous))
                yield return new DirectoryChange(table, ChangeAction.Added, key, null, row);
            else if (!previous.SequenceEqual(row, StringComparer.Ordinal))
                yield return new DirectoryChange(table, ChangeAction.Changed, key, previous, row);
        }
        foreach (var (key, row) in old)
        {
            if (!kept.Contains(key))
                yield return new DirectoryChange(table, ChangeAction.Removed, key, row, null);
        }
    }
}
