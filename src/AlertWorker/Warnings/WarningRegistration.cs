using AlertWorker.Feeds;

namespace AlertWorker.Warnings;

public static class WarningRegistration
{
    /// <summary>The intake of fetched feed documents: parse, decide, store.</summary>
    public static IHostApplicationBuilder AddWarningIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedDocumentHandler>();
        builder.Services.AddSingleton<IFeedDocumentHandler>(sp => sp.GetRequiredService<FeedDocumentHandler>());
        return builder;
    }
}
