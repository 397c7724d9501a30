using AlertWorker.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlertWorker.Tests.Storage;

/// <summary>A fresh SQLite file in its own temp folder, migrated, deleted at the end.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "alertworker-tests", Guid.NewGuid().ToString("N"));
    public string FilePath => System.IO.Path.Combine(Folder, "data", "alertworker.db");
    public string ConnectionString => $"Data Source={FilePath}";
    public SqliteDatabase Database { get; }

    private TempDatabase() => Database = new SqliteDatabase(ConnectionString);

    public static async Task<TempDatabase> CreateAsync(bool migrate = true)
    {
        var db = new TempDatabase();
        if (migrate) await db.Migrator().MigrateAsync(CancellationToken.None);
        return db;
    }

    public SchemaMigrator Migrator() =>
        new(Database, SqlDialect.Sqlite, TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

    /// <summary>Every row of the tables, as text, to compare before and after something that must change nothing.</summary>
    public async Task<string> SnapshotAsync(params string[] tables)
    {
        await using var connection = await Database.OpenConnectionAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            text.Append("== ").AppendLine(table);
            foreach (IDictionary<string, object?> row in await Dapper.SqlMapper.QueryAsync(connection, $"SELECT * FROM {table} ORDER BY rowid"))
                text.AppendLine(string.Join(" | ", row.Select(c => $"{c.Key}={c.Value}")));
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Folder)) System.IO.Directory.Delete(Folder, recursive: true);
    }
}
