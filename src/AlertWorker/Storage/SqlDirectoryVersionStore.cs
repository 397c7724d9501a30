using System.Data.Common;
using AlertWorker.Directory;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqlDirectoryVersionStore(DbDataSource database) : IDirectoryVersionStore
{
    public async Task<long?> SaveAsync(NewDirectoryVersion version, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // the next number is read, then written: instances saving at once take turns
        await connection.LockAsync(tx, "directory_versions", ct);
        var latest = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM directory_versions", transaction: tx, cancellationToken: ct));
        if (version.ExpectedLatest is { } expected && expected != latest)
            return null;
        var number = latest + 1;
        var at = version.At;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO directory_versions (version, loaded_at, source, content, changed_by) VALUES (@Number, @At, @Source, @Content, @ChangedBy)",
            new { Number = number, At = at, version.Source, Content = StorageJson.Write(version.Directory.WithVersion(number)), version.ChangedBy },
            tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO directory_changes (version, changed_at, changed_by, table_name, action, row_key, before, after)
            VALUES (@Number, @At, @ChangedBy, @Table, @Action, @Key, @Before, @After)
            """,
            version.Changes.Select(c => new
            {
                Number = number, At = at, version.ChangedBy, Table = c.Table.Name, Action = StoredEnum.Name(c.Action), c.Key,
                Before = Columns(c.Table, c.Before), After = Columns(c.Table, c.After),
            }),
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return number;
    }

    public async Task<StoredDirectoryVersion?> LoadLatestAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, string Source, string? ChangedBy, string Content)?>(new CommandDefinition(
            "SELECT version, source, changed_by, content FROM directory_versions ORDER BY version DESC LIMIT 1", cancellationToken: ct));
        return row is { } r
            ? new StoredDirectoryVersion(r.Version, r.Source, r.ChangedBy, StorageJson.Read<Domain.Directory.DirectorySnapshot>(r.Content))
            : null;
    }

    public async Task<long> LatestNumberAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM directory_versions", cancellationToken: ct));
    }

    public async Task<string?> LatestFolderSourceAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT source FROM directory_versions WHERE changed_by IS NULL ORDER BY version DESC LIMIT 1", cancellationToken: ct));
    }

    public async Task<IReadOnlyList<DirectoryAuditEntry>> ListChangesAsync(int limit, long? beforeId, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Id, long Version, DateTimeOffset ChangedAt, string? ChangedBy, string TableName, string Action, string RowKey, string? Before, string? After)>(
            new CommandDefinition(
                """
                SELECT id, version, changed_at, changed_by, table_name, action, row_key, before, after FROM directory_changes
                WHERE @BeforeId IS NULL OR id < @BeforeId ORDER BY id DESC LIMIT @Limit
                """,
                new { Limit = limit, BeforeId = beforeId }, cancellationToken: ct));
        return [.. rows.Select(r => new DirectoryAuditEntry(
            r.Id, r.Version, r.ChangedAt, r.ChangedBy, r.TableName, StoredEnum.Parse<ChangeAction>(r.Action), r.RowKey,
            ReadColumns(r.Before), ReadColumns(r.After)))];
    }

    private static string? Columns(DirectoryTable table, IReadOnlyList<string>? row) =>
        row is null ? null : StorageJson.Write(table.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second));

    private static IReadOnlyDictionary<string, string>? ReadColumns(string? json) =>
        json is null ? null : StorageJson.Read<Dictionary<string, string>>(json);
}
