using System.Data.Common;
using System.Reflection;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>
/// Brings the schema up to date at start: the numbered scripts of the dialect's set
/// (<c>Storage/Migrations/&lt;Dialect&gt;/NNNN_name.sql</c>) not yet in <c>schema_version</c> are
/// applied in order, each in its own transaction together with its <c>schema_version</c> row.
/// Running it again applies nothing; instances starting at once on one PostgreSQL take turns, so each
/// script is applied once.
/// </summary>
public sealed class SchemaMigrator(DbDataSource database, SqlDialect dialect, TimeProvider time, ILogger<SchemaMigrator> logger)
    : IHostedService
{
    private const string ResourcePrefix = "AlertWorker.Storage.Migrations.";
    private const string SchemaLock = "schema_version";

    public sealed record Migration(int Version, string Name, string Sql);

    /// <summary>The scripts of one dialect, in version order.</summary>
    public static IReadOnlyList<Migration> ScriptsFor(SqlDialect dialect)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"{ResourcePrefix}{dialect}/";
        return assembly.GetManifestResourceNames()
            .Select(name => (Name: name, Normalised: name.Replace('\\', '/')))
            .Where(r => r.Normalised.StartsWith(prefix, StringComparison.Ordinal) && r.Normalised.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => Read(assembly, r.Name, Path.GetFileNameWithoutExtension(r.Normalised[prefix.Length..])))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Applies the missing scripts; returns the versions applied now.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct)
    {
        var scripts = ScriptsFor(dialect);
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"no schema scripts for the {dialect} database");
        }

        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await connection.LockAsync(tx, SchemaLock, ct);
            var timeType = dialect == SqlDialect.PostgreSql ? "timestamptz" : "TEXT";
            await connection.ExecuteAsync(new CommandDefinition(
                $"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at {timeType} NOT NULL)",
                transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        var applied = new List<int>();
        foreach (var script in scripts)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.LockAsync(tx, SchemaLock, ct);
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_version WHERE version = @Version", new { script.Version }, tx, cancellationToken: ct));
            if (done > 0)
            {
                await tx.RollbackAsync(ct);
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { script.Version, script.Name, AppliedAt = time.GetUtcNow() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            applied.Add(script.Version);
            logger.LogInformation("Applied schema migration {Version} {Name}", script.Version, script.Name);
        }
        return applied;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static Migration Read(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_');
        if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
        {
            throw new InvalidOperationException($"schema script '{fileName}' must be named NNNN_name.sql");
        }
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
