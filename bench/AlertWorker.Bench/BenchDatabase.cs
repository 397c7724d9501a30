using System.Data.Common;
using AlertWorker.Storage;
using Dapper;
using Npgsql;

namespace AlertWorker.Bench;

/// <summary>
/// The database of one dispatch run, fresh and removed again afterwards: a SQLite file in a folder of
/// its own, or a database of its own (uniquely named <c>alertworker_bench_...</c>) created on a
/// PostgreSQL server. Either way <see cref="Source"/> is what <see cref="SqlDialects.Open"/> makes of
/// its connection string, as the worker does with <c>ConnectionStrings:AlertWorker</c>; only creating
/// and dropping the PostgreSQL database goes over a connection of its own to the server's database.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private const string Prefix = "alertworker_bench_";

    private readonly string? _folder;
    private readonly string? _server;
    private readonly string? _name;

    private BenchDatabase(string connectionString, string? folder, string? server, string? name, int? postmaster)
    {
        ConnectionString = connectionString;
        _folder = folder;
        _server = server;
        _name = name;
        Postmaster = postmaster;
        Dialect = SqlDialects.Of(connectionString);
        Source = SqlDialects.Open(connectionString);
    }

    public string ConnectionString { get; }

    public SqlDialect Dialect { get; }

    public DbDataSource Source { get; }

    /// <summary>The PostgreSQL server's main process when it runs on this machine and can be read, for <see cref="CpuMeter"/>.</summary>
    public int? Postmaster { get; }

    /// <summary>A new SQLite file, or with <paramref name="postgresServer"/> (a connection string whose user may create
    /// databases) a new database on that server, its connection string the server's with <c>Database</c> set to it.</summary>
    public static async Task<BenchDatabase> CreateAsync(string? postgresServer)
    {
        var unique = Guid.NewGuid().ToString("N");
        if (postgresServer is null)
        {
            var folder = Path.Combine(Path.GetTempPath(), "alertworker-bench", unique);
            System.IO.Directory.CreateDirectory(folder);
            return new BenchDatabase($"Data Source={Path.Combine(folder, "alertworker.db")}", folder, null, null, null);
        }

        var name = Prefix + unique;
        await ExecuteOnServerAsync(postgresServer, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(postgresServer) { Database = name }.ConnectionString;
        return new BenchDatabase(connectionString, null, postgresServer, name, await PostmasterAsync(postgresServer));
    }

    /// <summary>The first line of the data directory's <c>postmaster.pid</c>: null unless the server is on this machine, the
    /// user may see its settings (a superuser) and the file can be read.</summary>
    private static async Task<int?> PostmasterAsync(string postgresServer)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString(postgresServer));
            await connection.OpenAsync();
            var host = connection.Host ?? "";
            if (!(host is "localhost" or "::1" || host.StartsWith("127.", StringComparison.Ordinal) || host.StartsWith('/'))) return null;
            var folder = await connection.ExecuteScalarAsync<string>("SHOW data_directory");
            var first = File.ReadLines(Path.Combine(folder!, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is PostgresException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The server's version and the settings that decide what a commit costs, for the report.</summary>
    public static async Task<string> DescribeServerAsync(string postgresServer)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(postgresServer));
        await connection.OpenAsync();
        var settings = await connection.QueryAsync<(string Name, string Setting)>(
            """
            SELECT name, current_setting(name) FROM pg_settings
            WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections')
            ORDER BY name
            """);
        var version = await connection.ExecuteScalarAsync<string>("SHOW server_version");
        return $"PostgreSQL {version} ({string.Join(", ", settings.Select(s => $"{s.Name}={s.Setting}"))}), Npgsql " +
               typeof(NpgsqlConnection).Assembly.GetName().Version;
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        if (_server is not null)
        {
            // FORCE: a pooled connection the data source has not closed yet does not keep the database alive
            await ExecuteOnServerAsync(_server, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteOnServerAsync(string postgresServer, string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(postgresServer));
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    /// <summary>The server's connection string as given (its own database), outside any pool.</summary>
    private static string AdminConnectionString(string postgresServer) =>
        new NpgsqlConnectionStringBuilder(postgresServer) { Pooling = false }.ConnectionString;
}
