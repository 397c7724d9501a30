using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch.Channels;

public static class EmailRegistration
{
    /// <summary>
    /// The email channel over SMTP, when <c>Smtp:Host</c> is set (settings validated at start).
    /// Without a host nothing is registered here and email goes to the local outbox (SPEC §8).
    /// </summary>
    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SmtpOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(SmtpOptions.Host)]))
            return builder;
        builder.Services.AddOptions<SmtpOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<IChannelSender>(sp => sp.GetRequiredService<EmailSender>());
        return builder;
    }
}
