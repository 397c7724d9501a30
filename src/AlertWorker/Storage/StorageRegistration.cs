using System.Data.Common;

namespace AlertWorker.Storage;

public static class StorageRegistration
{
    public const string ConnectionStringName = "AlertWorker";

    /// <summary>
    /// The database of <c>ConnectionStrings:AlertWorker</c> (SPEC §8.1, §10), its migrations at start
    /// and the stores on it. Only SQLite so far: a PostgreSQL connection string stops the start with
    /// a clear message rather than writing somewhere else.
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName) ?? SqliteDatabase.DefaultConnectionString;
        var dialect = SqlDialects.Of(connectionString);
        if (dialect != SqlDialect.Sqlite)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} names a {dialect} server; this build stores in SQLite only (Data Source=...)");
        }

        builder.Services.AddSingleton<DbDataSource>(_ => new SqliteDatabase(connectionString));
        builder.Services.AddSingleton(sp => new SchemaMigrator(
            sp.GetRequiredService<DbDataSource>(), dialect, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SchemaMigrator>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SchemaMigrator>());
        builder.Services.AddSingleton<SqlWarningStore>();
        builder.Services.AddSingleton<IWarningStore>(sp => sp.GetRequiredService<SqlWarningStore>());
        builder.Services.AddSingleton<INotificationStore>(sp => sp.GetRequiredService<SqlWarningStore>());
        builder.Services.AddSingleton<IFeedHealthStore, SqlFeedHealthStore>();
        builder.Services.AddSingleton<IIndexEntryStore, SqlIndexEntryStore>();
        builder.Services.AddSingleton<IDirectoryVersionStore, SqlDirectoryVersionStore>();
        return builder;
    }
}
