using AlertWorker.Configuration;
using AlertWorker.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

public static class DispatchRegistration
{
    /// <summary>
    /// Sending (SPEC §8): the delivery store, the templates, the channel senders (the registered
    /// <see cref="IChannelSender"/>s, the outbox for channels without one), the provider rate limits
    /// and the dispatcher loop. Needs <c>AddStorage</c> and <c>AddLiveConfig</c>.
    /// </summary>
    public static IHostApplicationBuilder AddDispatch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DispatchOptions>()
            .Bind(builder.Configuration.GetSection(DispatchOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>();
        builder.Services.AddOptions<ChannelRateOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.SmsPerSecond = configuration.GetValue("Twilio:MessagesPerSecond", o.SmsPerSecond);
                o.VoicePerSecond = configuration.GetValue("Twilio:CallsPerSecond", o.VoicePerSecond);
                o.EmailPerSecond = configuration.GetValue("Smtp:MessagesPerSecond", o.EmailPerSecond);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(sp => AnswerRule.Of(sp.GetRequiredService<LiveConfig>()));
        builder.Services.AddSingleton<SqlDeliveryStore>();
        builder.Services.AddSingleton<IDeliveryStore>(sp => sp.GetRequiredService<SqlDeliveryStore>());
        builder.Services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqlDeliveryStore>());
        builder.Services.AddSingleton<ChannelSenders>();
        builder.Services.TryAddSingleton<ISendRateLimiter, TokenBucketSendRateLimiter>();
        builder.Services.AddSingleton<MessageTemplates>();
        builder.Services.AddSingleton<MessageComposer>();
        builder.Services.AddSingleton<DeliveryDispatcher>();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddHostedService<DispatchLoop>();
        return builder;
    }
}
