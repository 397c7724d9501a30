using AlertWorker.Configuration;
using AlertWorker.Domain.Directory;
using AlertWorker.Storage;

namespace AlertWorker.Directory;

/// <summary>An admin's change checked against the directory in force: the new snapshot and its row
/// changes when valid, else every problem (<c>file:line: message</c>) and nothing else.</summary>
public sealed record DirectoryProposal(
    DirectoryTable Table, long BaseVersion, DirectorySnapshot? Result, IReadOnlyList<ConfigProblem> Problems, IReadOnlyList<DirectoryChange> Changes)
{
    public bool IsValid => Result is not null;
}

public enum EditOutcome
{
    /// <summary>Stored as a new version and in force here; other instances take it over.</summary>
    Applied,
    /// <summary>Problems found; nothing stored.</summary>
    Invalid,
    /// <summary>The same rows as the version in force; nothing stored.</summary>
    Unchanged,
    /// <summary>The directory changed since the admin looked (another edit, a folder reload); nothing stored.</summary>
    Stale,
    /// <summary>No valid configuration is loaded, so there is nothing to edit.</summary>
    NoDirectory,
}

public sealed record EditResult(EditOutcome Outcome, DirectoryProposal? Proposal, long Version);

/// <summary>
/// Admin edits of the directory (SPEC §4, §9). Every change, one row or a whole imported file, becomes
/// the new text of one table's CSV, checked together with the other tables exactly as <c>check-config</c>
/// checks the folder; a valid change is stored as the next directory version with its audit rows in one
/// transaction and put in force at once, matcher and all. A broken change stores nothing.
/// </summary>
public sealed class DirectoryEditor(LiveConfig live, IDirectoryVersionStore versions, TimeProvider time, ILogger<DirectoryEditor> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>What the table's new text would do to the directory in force; null when there is none.</summary>
    public DirectoryProposal? Propose(DirectoryTable table, string text)
    {
        if (live.Current is not { } current) return null;
        var before = current.Config.Directory;
        var loaded = DirectoryLoader.Load(DirectoryTables.Texts(before, table, text));
        return loaded.IsValid
            ? new DirectoryProposal(table, current.DirectoryVersion, loaded.Value, [],
                [.. DirectoryDiff.Between(table, DirectoryTables.Rows(table, before), DirectoryTables.Rows(table, loaded.Value))])
            : new DirectoryProposal(table, current.DirectoryVersion, null, loaded.Problems, []);
    }

    /// <summary>
    /// The table's text in force with one row replaced (<paramref name="key"/> set), added (no key) or
    /// removed (no row); null when the row to replace or remove is no longer there.
    /// </summary>
    public string? TextWithRow(DirectoryTable table, string? key, IReadOnlyList<string>? row)
    {
        if (live.Current is not { } current) return null;
        var rows = DirectoryTables.Rows(table, current.Config.Directory).Cast<IReadOnlyList<string>>().ToList();
        if (key is null)
        {
            if (row is null) return null;
            rows.Add(row);
        }
        else
        {
            var at = rows.FindIndex(r => table.Key(r) == key);
            if (at < 0) return null;
            if (row is null) rows.RemoveAt(at);
            else rows[at] = row;
        }
        return DirectoryTables.Csv(table, rows);
    }

    /// <summary>Checks the table's new text against the version <paramref name="baseVersion"/> the admin
    /// saw and, when it is still in force and the text is valid and changes something, applies it.</summary>
    public async Task<EditResult> ApplyAsync(DirectoryTable table, string text, long baseVersion, string user, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            if (Propose(table, text) is not { } proposal) return new EditResult(EditOutcome.NoDirectory, null, 0);
            if (proposal.BaseVersion != baseVersion) return new EditResult(EditOutcome.Stale, proposal, proposal.BaseVersion);
            if (!proposal.IsValid) return new EditResult(EditOutcome.Invalid, proposal, baseVersion);
            if (proposal.Changes.Count == 0) return new EditResult(EditOutcome.Unchanged, proposal, baseVersion);

            var at = time.GetUtcNow();
            var stored = await versions.SaveAsync(
                new NewDirectoryVersion(proposal.Result!, $"admin: {table.FileName}", user, at, proposal.Changes, baseVersion), ct);
            if (stored is not { } version) return new EditResult(EditOutcome.Stale, proposal, baseVersion);
            live.ApplyDirectory(proposal.Result!, version, at);
            logger.LogInformation("Directory version {DirectoryVersion}: {UserName} changed {ChangeCount} rows of {DirectoryFile}",
                version, user, proposal.Changes.Count, table.FileName);
            return new EditResult(EditOutcome.Applied, proposal, version);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
