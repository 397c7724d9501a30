using System.Data.Common;

namespace AlertWorker.Storage;

public static class StorageRegistration
{
    public const string ConnectionStringName = "AlertWorker";

    /// <summary>
    /// The database of <c>ConnectionStrings:AlertWorker</c> (SPEC §8.1, §10), its migrations at start
    /// and the stores on it: a SQLite file by default, a PostgreSQL server for a connection string
    /// that names a <c>Host</c>. The stores are the same on both (<see cref="SqlDialects"/>).
    /// </summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var connectionString = ConnectionString(builder.Configuration);
        var dialect = SqlDialects.Of(connectionString);

        builder.Services.AddSingleton(_ => SqlDialects.Open(connectionString));
        builder.Services.AddSingleton(sp => new SchemaMigrator(
            sp.GetRequiredService<DbDataSource>(), dialect, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SchemaMigrator>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SchemaMigrator>());
        builder.Services.AddSingleton<IWarningStore, SqlWarningStore>();
        builder.Services.AddSingleton<IFeedHealthStore, SqlFeedHealthStore>();
        builder.Services.AddSingleton<IIndexEntryStore, SqlIndexEntryStore>();
        builder.Services.AddSingleton<IDirectoryVersionStore, SqlDirectoryVersionStore>();
        return builder;
    }

    /// <summary><c>ConnectionStrings:AlertWorker</c>, or the default SQLite file.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) ?? SqliteDatabase.DefaultConnectionString;
}
