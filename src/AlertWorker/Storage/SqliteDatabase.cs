using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AlertWorker.Storage;

/// <summary>
/// The SQLite database as a <see cref="DbDataSource"/>: the stores and Quartz's job store take
/// their connections from here, and every connection is opened with WAL, a busy timeout, foreign
/// keys and NORMAL sync, so that a job, a store and the scheduler never see "database is locked".
/// </summary>
public sealed class SqliteDatabase : DbDataSource
{
    public const string DefaultConnectionString = "Data Source=data/alertworker.db";

    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    private readonly string _connectionString;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) System.IO.Directory.CreateDirectory(folder);
        }
        _connectionString = builder.ConnectionString;
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new PragmaConnection(_connectionString);

    /// <summary>A connection that sets the pragmas each time it opens, whoever opens it.</summary>
    private sealed class PragmaConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Open()
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
