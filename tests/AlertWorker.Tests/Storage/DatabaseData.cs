using AlertWorker.Storage;
using AlertWorker.Tests.Storage;

namespace AlertWorker.Tests;

// A test over both databases is a theory with both rows: [Theory, SqliteData, PostgresData] and a
// first parameter SqlDialect dialect; values after the dialect go in both attributes.

/// <summary>A theory row on SQLite, with the row's other values after the dialect.</summary>
[Xunit.Sdk.DataDiscoverer("Xunit.Sdk.DataDiscoverer", "xunit.core")]
public sealed class SqliteDataAttribute(params object?[]? data) : Xunit.Sdk.DataAttribute
{
    // a lone null argument arrives as a null array
    private readonly object?[] _data = data ?? [null];

    public override IEnumerable<object?[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[SqlDialect.Sqlite, .. _data]];
}

/// <summary>The same row on PostgreSQL, skipped with the reason when no server is given (<see cref="TestPostgres"/>).</summary>
[Xunit.Sdk.DataDiscoverer("Xunit.Sdk.DataDiscoverer", "xunit.core")]
public sealed class PostgresDataAttribute : Xunit.Sdk.DataAttribute
{
    private readonly object?[] _data;

    public PostgresDataAttribute(params object?[]? data)
    {
        _data = data ?? [null];
        if (TestPostgres.ServerConnectionString is null) Skip = TestPostgres.SkipReason;
    }

    public override IEnumerable<object?[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[SqlDialect.PostgreSql, .. _data]];
}
