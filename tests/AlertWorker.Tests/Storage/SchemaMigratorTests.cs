using AlertWorker.Storage;
using Dapper;

namespace AlertWorker.Tests.Storage;

public class SchemaMigratorTests
{
    [Fact]
    public async Task MigrateAsync_FreshFile_CreatesFolderTablesAndVersions()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        var applied = await db.Migrator().MigrateAsync(CancellationToken.None);

        Assert.True(File.Exists(db.FilePath));
        Assert.Equal(SchemaMigrator.ScriptsFor(SqlDialect.Sqlite).Select(m => m.Version), applied);
        await using var connection = await db.Database.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
        foreach (var table in new[] { "schema_version", "warnings", "warning_chains", "notifications", "feed_health", "index_entries", "directory_versions" })
        {
            Assert.Contains(table, tables);
        }
        Assert.Equal(applied.Count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_AppliesNothingTheSecondTime()
    {
        await using var db = await TempDatabase.CreateAsync();
        var again = await db.Migrator().MigrateAsync(CancellationToken.None);

        Assert.Empty(again);
    }

    [Fact]
    public void ScriptsFor_Sqlite_NumberedFromOneWithoutGaps()
    {
        var versions = SchemaMigrator.ScriptsFor(SqlDialect.Sqlite).Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
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
}
