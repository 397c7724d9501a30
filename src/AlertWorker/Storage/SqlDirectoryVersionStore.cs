using System.Data.Common;
using AlertWorker.Domain.Directory;
using Dapper;

namespace AlertWorker.Storage;

public sealed class SqlDirectoryVersionStore(DbDataSource database) : IDirectoryVersionStore
{
    public async Task<long> SaveAsync(DirectorySnapshot directory, string source, DateTimeOffset loadedAt, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // the next number is read, then written: instances saving at once take turns
        await connection.LockAsync(tx, "directory_versions", ct);
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM directory_versions", transaction: tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO directory_versions (version, loaded_at, source, content) VALUES (@Version, @LoadedAt, @Source, @Content)",
            new
            {
                Version = version,
                LoadedAt = loadedAt,
                Source = source,
                Content = StorageJson.Write(directory.WithVersion(version)),
            },
            tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return version;
    }

    public async Task<StoredDirectoryVersion?> LoadLatestAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, string Source, string Content)?>(new CommandDefinition(
            "SELECT version, source, content FROM directory_versions ORDER BY version DESC LIMIT 1", cancellationToken: ct));
        return row is { } r ? new StoredDirectoryVersion(r.Version, r.Source, StorageJson.Read<DirectorySnapshot>(r.Content)) : null;
    }
}
