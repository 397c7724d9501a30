using AlertWorker.Storage;
using AlertWorker.Web.Webhooks;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch.Channels;

public static class TwilioRegistration
{
    /// <summary>
    /// Twilio (SPEC §8, §8.1, §9): the settings, validated at start once any credential is set; the
    /// SMS and voice senders as <see cref="IChannelSender"/>s only when credentials are configured
    /// (without them the outbox channel stands in); and what the webhooks need (map them with
    /// <see cref="TwilioWebhooks.MapTwilioWebhooks"/>), which refuse every request while no auth
    /// token is set. Call after <c>AddStorage</c> and <c>AddLiveConfig</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTwilio(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TwilioOptions.Section);
        builder.Services.AddOptions<TwilioOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        if (section.Get<TwilioOptions>()?.HasCredentials == true)
        {
            builder.Services.AddSingleton<TwilioApi>();
            builder.Services.AddSingleton<IChannelSender, TwilioSmsSender>();
            builder.Services.AddSingleton<IChannelSender, TwilioVoiceSender>();
        }

        builder.Services.AddSingleton<IInboundMessageStore, SqlInboundMessageStore>();
        builder.Services.AddSingleton<IDeliveryStatusStore, SqlDeliveryStatusStore>();
        builder.Services.AddScoped<TwilioAnswerIntake>();
        return builder;
    }
}
