using Dapper;
using Npgsql;

namespace AlertWorker.Tests.Storage;

/// <summary>
/// The PostgreSQL server the tests may use: <c>ALERTWORKER_TEST_POSTGRES</c> holds a connection string
/// whose user may create databases (e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>, as
/// <c>.ci/run</c> starts it). Unset, every PostgreSQL case is skipped and says why.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "ALERTWORKER_TEST_POSTGRES";

    public static string? ServerConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason =>
        $"PostgreSQL not tested: set {Variable} to a connection string of a server where the user may create databases";

    /// <summary>The server's connection string pointed at one database.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString ?? throw new InvalidOperationException(SkipReason)) { Database = database }.ConnectionString;

    /// <summary>A statement on the server's own database (CREATE/DROP DATABASE), outside any pool a test uses.</summary>
    public static async Task ExecuteAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString ?? throw new InvalidOperationException(SkipReason)) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
