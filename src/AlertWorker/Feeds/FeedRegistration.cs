using System.Data.Common;
using Flurl.Http.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace AlertWorker.Feeds;

public static class FeedRegistration
{
    /// <summary>
    /// Feed polling: a Quartz scheduler whose jobs live in the worker's own database (the
    /// <see cref="DbDataSource"/> of <c>AddStorage</c>), one <see cref="FeedPollJob"/> per feed of the
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

        var clock = builder.Services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider
            ?? TimeProvider.System;
        builder.Services.AddQuartz(q =>
        {
            q.UseTimeProvider(clock);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(source => source.DataSourceFactory = sp => sp.GetRequiredService<DbDataSource>());
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                // a trigger that misfired (the process paused, the clock jumped) fires within 5 s, not
                // the one-minute default: escalation must not run much later than Escalation:Interval
                store.ConfigureStore(o => o.MisfireHandlerFrequency = TimeSpan.FromSeconds(5));
            });
        });
        builder.Services.AddHostedService<FeedSchedule>();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
