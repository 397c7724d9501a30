using System.Data.Common;
using Dapper;
using Npgsql;

namespace AlertWorker.Storage;

/// <summary>The database behind <c>ConnectionStrings:AlertWorker</c> (SPEC §8.1): chosen by the
/// connection string's form, and the name of the migration script set that fits it.</summary>
public enum SqlDialect { Sqlite, PostgreSql }

/// <summary>
/// The few places where the stores' SQL differs between SQLite and PostgreSQL, each named. The rest
/// is written once for both: <c>ON CONFLICT</c>, <c>RETURNING</c>, <c>LIMIT</c>, <c>string_agg</c>,
/// booleans as <c>TRUE</c>/<c>FALSE</c> and bare conditions, times as parameters (<see cref="StoredTime"/>).
/// </summary>
public static class SqlDialects
{
    /// <summary>A PostgreSQL connection string names a <c>Host</c>; anything else is a SQLite file.</summary>
    public static SqlDialect Of(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2)[0].Trim())
            .Any(key => key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            ? SqlDialect.PostgreSql
            : SqlDialect.Sqlite;

    public static SqlDialect Of(DbDataSource database) => database is NpgsqlDataSource ? SqlDialect.PostgreSql : SqlDialect.Sqlite;

    public static SqlDialect Of(DbConnection connection) => connection is NpgsqlConnection ? SqlDialect.PostgreSql : SqlDialect.Sqlite;

    /// <summary>The database a connection string names: a PostgreSQL server, or a SQLite file (its folder created).</summary>
    public static DbDataSource Open(string connectionString) => Of(connectionString) switch
    {
        SqlDialect.PostgreSql => NpgsqlDataSource.Create(connectionString),
        _ => new SqliteDatabase(connectionString),
    };

    /// <summary>
    /// <c>column IN</c> a list parameter. Dapper spells a list out as <c>(@p1, @p2, ...)</c> for SQLite
    /// but hands it to PostgreSQL whole, as one array, which only <c>= ANY(...)</c> takes.
    /// </summary>
    public static string InList(this SqlDialect dialect, string column, string parameter) =>
        dialect == SqlDialect.PostgreSql ? $"{column} = ANY({parameter})" : $"{column} IN {parameter}";

    /// <summary>
    /// Ends a <c>SELECT</c> of rows about to be claimed. PostgreSQL locks them and skips rows another
    /// transaction holds, so that instances claiming at once take different rows and none waits for
    /// another. SQLite has no row locks and needs none: it runs one write transaction at a time.
    /// </summary>
    public static string SkipLocked(this SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// Ends a <c>SELECT</c> of rows about to be updated, so that they are locked in the order it reads
    /// them (write them in one order everywhere and two transactions never wait on each other in a
    /// circle). PostgreSQL: the lock an <c>UPDATE</c> of non-key columns takes anyway, which leaves
    /// rows inserted meanwhile free to refer to them. SQLite has no row locks: its one writer holds
    /// the whole database.
    /// </summary>
    public static string ForNoKeyUpdate(this SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? "FOR NO KEY UPDATE" : "";

    /// <summary>Whole milliseconds from one stored time column to another, exactly: on SQLite from the fixed-width
    /// UTC text (<see cref="StoredTime"/>: whole seconds, then the first three fraction digits at 21-23).</summary>
    public static string MillisecondsBetween(this SqlDialect dialect, string from, string to) =>
        dialect == SqlDialect.PostgreSql
            ? $"CAST(FLOOR(EXTRACT(EPOCH FROM ({to} - {from})) * 1000) AS bigint)"
            : $"((strftime('%s', {to}) - strftime('%s', {from})) * 1000 + CAST(substr({to}, 21, 3) AS INTEGER) - CAST(substr({from}, 21, 3) AS INTEGER))";

    /// <summary>
    /// Makes transactions that read and then write the same thing (named by <paramref name="key"/>) run
    /// one after the other, whichever instance runs them; held until the transaction ends. PostgreSQL:
    /// a transaction-level advisory lock on the key's hash. SQLite: nothing to do, every transaction
    /// there begins IMMEDIATE and so already has the database's one write lock.
    /// </summary>
    public static Task LockAsync(this DbConnection connection, DbTransaction transaction, string key, CancellationToken ct) =>
        connection is NpgsqlConnection
            ? connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0))", new { Key = key }, transaction, cancellationToken: ct))
            : Task.CompletedTask;

    /// <summary>
    /// A statement that takes <see cref="LockAsync"/>'s lock on each key of an array parameter, in the
    /// array's order (pass the keys sorted, so that two transactions locking some of the same keys never
    /// wait on each other in a circle), to begin a command of several statements: on PostgreSQL it
    /// returns a row per key, to be read past; on SQLite it is empty.
    /// </summary>
    public static string LockAllStatement(this SqlDialect dialect, string keysParameter) =>
        dialect == SqlDialect.PostgreSql
            ? $"SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest({keysParameter}) WITH ORDINALITY AS k(key, n) ORDER BY n;"
            : "";
}
