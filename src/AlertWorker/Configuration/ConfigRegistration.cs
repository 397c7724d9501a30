using AlertWorker.Feeds;

namespace AlertWorker.Configuration;

public static class ConfigRegistration
{
    /// <summary>
    /// The settings (validated at start) and the live configuration from the config folder, read at
    /// start before the feed polls are scheduled and again whenever the folder changes. Call after
    /// <c>AddStorage</c> (directory versions are stored) and before <c>AddFeeds</c>.
    /// </summary>
    public static IHostApplicationBuilder AddLiveConfig(this IHostApplicationBuilder builder)
    {
        builder.AddAlertWorkerOptions();
        builder.Services.AddSingleton<LiveConfig>();
        builder.Services.AddSingleton(sp => new FeedCatalog(sp.GetRequiredService<LiveConfig>()));
        builder.Services.AddSingleton<ConfigReloadService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConfigReloadService>());
        return builder;
    }
}
