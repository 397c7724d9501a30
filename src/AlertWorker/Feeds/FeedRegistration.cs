using System.Data.Common;
using AlertWorker.Storage;
using Flurl.Http.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace AlertWorker.Feeds;

public static class FeedRegistration
{
    /// <summary>
    /// Feed polling: a Quartz scheduler whose jobs live in the worker's own database (the
    /// <see cref="DbDataSource"/> of <c>AddStorage</c>; on PostgreSQL clustered, so that instances
    /// side by side share the jobs and each firing runs on one of them), one <see cref="FeedPollJob"/> per feed of the
    /// registered <see cref="FeedCatalog"/> synced at start (the escalation job runs in it too), and the
    /// Flurl clients the polls fetch with.
    /// The <see cref="IFeedDocumentHandler"/> that takes the documents is registered by the caller.
    /// </summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedClientOptions>()
            .Bind(builder.Configuration.GetSection(FeedClientOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(new FeedCatalog([]));
        builder.Services.AddSingleton<IFlurlClientCache, FlurlClientCache>();
        builder.Services.AddSingleton<FeedClient>();
        builder.Services.AddSingleton<FeedPoller>();
        builder.Services.AddTransient<FeedPollJob>();

        var dialect = SqlDialects.Of(StorageRegistration.ConnectionString(builder.Configuration));
        var clock = builder.Services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider
            ?? TimeProvider.System;
        builder.Services.AddQuartz(q =>
        {
            q.UseTimeProvider(clock);
            q.UsePersistentStore(store => UseJobStore(store, dialect));
        });
        builder.Services.AddHostedService<FeedSchedule>();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>The worker's Quartz job store: in its own database, clustered on PostgreSQL.</summary>
    public static void UseJobStore(IPersistentStoreBuilder store, SqlDialect dialect)
    {
        if (dialect == SqlDialect.PostgreSql)
        {
            // its tables come with the schema scripts (Storage/Migrations/PostgreSql), applied before it starts
            store.UsePostgres(source => source.DataSourceFactory = sp => sp.GetRequiredService<DbDataSource>());
            store.UseClustering();
        }
        else
        {
            store.UseSqlite(source => source.DataSourceFactory = sp => sp.GetRequiredService<DbDataSource>());
            store.ProvisionSchema();
        }
        store.UseSystemTextJsonSerializer();
        // a trigger that misfired (the process paused, the clock jumped) fires within 5 s, not
        // the one-minute default: escalation must not run much later than Escalation:Interval
        store.ConfigureStore(o => o.MisfireHandlerFrequency = TimeSpan.FromSeconds(5));
    }
}
