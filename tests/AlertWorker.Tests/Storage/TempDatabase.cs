using System.Data.Common;
using AlertWorker.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlertWorker.Tests.Storage;

/// <summary>
/// A fresh database, migrated, removed at the end: a SQLite file in its own temp folder, or on
/// PostgreSQL a database of its own (uniquely named) on the server of <see cref="TestPostgres"/>.
/// The temp folder exists for both, for the files a test puts beside its database.
/// </summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(SqlDialect dialect, string folder, string connectionString, string? postgresName)
    {
        Dialect = dialect;
        Folder = folder;
        ConnectionString = connectionString;
        _postgresName = postgresName;
        System.IO.Directory.CreateDirectory(Folder);
        Database = SqlDialects.Open(connectionString);
    }

    private readonly string? _postgresName;

    public SqlDialect Dialect { get; }
    public string Folder { get; }
    /// <summary>The SQLite file (SQLite only).</summary>
    public string FilePath => Path.Combine(Folder, "data", "alertworker.db");
    public string ConnectionString { get; }
    public DbDataSource Database { get; }

    public static Task<TempDatabase> CreateAsync(bool migrate = true) => CreateAsync(SqlDialect.Sqlite, migrate);

    public static async Task<TempDatabase> CreateAsync(SqlDialect dialect, bool migrate = true)
    {
        var id = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Path.GetTempPath(), "alertworker-tests", id);
        TempDatabase db;
        if (dialect == SqlDialect.PostgreSql)
        {
            var name = $"aw_test_{id}";
            await TestPostgres.ExecuteAsync($"CREATE DATABASE {name}");
            db = new TempDatabase(dialect, folder, TestPostgres.ConnectionStringFor(name), name);
        }
        else
        {
            db = new TempDatabase(dialect, folder, $"Data Source={Path.Combine(folder, "data", "alertworker.db")}", null);
        }
        if (migrate) await db.Migrator().MigrateAsync(CancellationToken.None);
        return db;
    }

    public SchemaMigrator Migrator() =>
        new(Database, Dialect, TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

    /// <summary>Every row of the tables, as text, to compare before and after something that must change nothing.</summary>
    public async Task<string> SnapshotAsync(params string[] tables)
    {
        await using var connection = await Database.OpenConnectionAsync();
        var order = Dialect == SqlDialect.PostgreSql ? "ctid" : "rowid";
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            text.Append("== ").AppendLine(table);
            foreach (IDictionary<string, object?> row in await Dapper.SqlMapper.QueryAsync(connection, $"SELECT * FROM {table} ORDER BY {order}"))
                text.AppendLine(string.Join(" | ", row.Select(c => $"{c.Key}={c.Value}")));
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_postgresName is not null)
        {
            await TestPostgres.ExecuteAsync($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        if (System.IO.Directory.Exists(Folder)) System.IO.Directory.Delete(Folder, recursive: true);
    }
}
