using AlertWorker.Storage;
using Dapper;

namespace AlertWorker.Tests.Storage;

public class SchemaMigratorTests
{
    [Theory, SqliteData, PostgresData]
    public async Task MigrateAsync_FreshDatabase_CreatesTablesAndVersions(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        var applied = await db.Migrator().MigrateAsync(CancellationToken.None);

        if (dialect == SqlDialect.Sqlite) Assert.True(File.Exists(db.FilePath));
        Assert.Equal(SchemaMigrator.ScriptsFor(dialect).Select(m => m.Version), applied);
        await using var connection = await db.Database.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>(dialect == SqlDialect.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        foreach (var table in new[] { "schema_version", "warnings", "warning_chains", "notifications", "feed_health", "index_entries", "directory_versions",
                     "deliveries", "delivery_attempts", "outbox_messages", "escalation_steps", "inbound_messages", "data_protection_keys", "early_status_reports" })
        {
            Assert.Contains(table, tables);
        }
        Assert.Equal(applied.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task MigrateAsync_RunTwice_AppliesNothingTheSecondTime(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        var again = await db.Migrator().MigrateAsync(CancellationToken.None);

        Assert.Empty(again);
    }

    [Theory, SqliteData, PostgresData]
    public async Task MigrateAsync_InstancesStartingAtOnce_EachScriptAppliedOnce(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect, migrate: false);
        var migrators = Enumerable.Range(0, 4).Select(_ => db.Migrator()).ToList();

        var applied = await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync(CancellationToken.None))));

        Assert.Equal(SchemaMigrator.ScriptsFor(dialect).Select(m => m.Version), applied.SelectMany(a => a).Order());
        await using var connection = await db.Database.OpenConnectionAsync();
        Assert.Equal(applied.Sum(a => a.Count), await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Theory]
    [InlineData(SqlDialect.Sqlite)]
    [InlineData(SqlDialect.PostgreSql)]
    public void ScriptsFor_Dialect_NumberedFromOneWithoutGaps(SqlDialect dialect)
    {
        var versions = SchemaMigrator.ScriptsFor(dialect).Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public void ScriptsFor_PostgreSql_MirrorsTheSqliteScriptsNumberForNumber()
    {
        var sqlite = SchemaMigrator.ScriptsFor(SqlDialect.Sqlite).Select(m => (m.Version, m.Name));
        var postgres = SchemaMigrator.ScriptsFor(SqlDialect.PostgreSql).Select(m => (m.Version, m.Name));

        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public async Task OpenConnection_AnyConnection_HasWalBusyTimeoutAndForeignKeys()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var connection = await db.Database.OpenConnectionAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(5000, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task StoredTime_RoundTrip_SameInstantAndTimeOrderOnBothDatabases(SqlDialect dialect)
    {
        await using var db = await TempDatabase.CreateAsync(dialect);
        await using var connection = await db.Database.OpenConnectionAsync();
        // Beijing time in, UTC out; microseconds kept (PostgreSQL's resolution)
        var earlier = new DateTimeOffset(2026, 6, 14, 8, 0, 0, TimeSpan.FromHours(8)).AddTicks(1_234_560);
        var later = earlier.AddSeconds(1);
        foreach (var (key, at) in new[] { ("later", later), ("earlier", earlier) })
        {
            await connection.ExecuteAsync(
                "INSERT INTO directory_versions (version, loaded_at, source, content) VALUES (@Version, @At, @Key, '{}')",
                new { Version = key.Length, At = at, Key = key });
        }

        var rows = (await connection.QueryAsync<(string Source, DateTimeOffset LoadedAt)>(
            "SELECT source, loaded_at FROM directory_versions WHERE loaded_at >= @From ORDER BY loaded_at", new { From = earlier })).ToList();

        Assert.Equal([("earlier", earlier), ("later", later)], rows);
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, r.LoadedAt.Offset));
    }

    [Theory]
    // the default file
    [InlineData("Data Source=data/alertworker.db", SqlDialect.Sqlite)]
    // a PostgreSQL server
    [InlineData("Host=db;Database=alertworker;Username=aw", SqlDialect.PostgreSql)]
    // spaces and case do not matter
    [InlineData(" host = db ; Database=x", SqlDialect.PostgreSql)]
    public void Of_ConnectionString_TellsTheDialect(string connectionString, SqlDialect expected)
    {
        Assert.Equal(expected, SqlDialects.Of(connectionString));
    }

    [Fact]
    public async Task Open_PostgreSqlConnectionString_GivesAPostgreSqlSourceWithoutConnecting()
    {
        await using var database = SqlDialects.Open("Host=db.invalid;Database=alertworker;Username=aw");

        Assert.Equal(SqlDialect.PostgreSql, SqlDialects.Of(database));
    }
}
