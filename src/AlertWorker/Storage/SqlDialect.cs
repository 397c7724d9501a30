namespace AlertWorker.Storage;

/// <summary>The database behind <c>ConnectionStrings:AlertWorker</c> (SPEC §8.1): chosen by the
/// connection string's form, and the name of the migration script set that fits it.</summary>
public enum SqlDialect { Sqlite, PostgreSql }

public static class SqlDialects
{
    /// <summary>A PostgreSQL connection string names a <c>Host</c>; anything else is a SQLite file.</summary>
    public static SqlDialect Of(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2)[0].Trim())
            .Any(key => key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            ? SqlDialect.PostgreSql
            : SqlDialect.Sqlite;
}
