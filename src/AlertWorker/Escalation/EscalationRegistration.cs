using AlertWorker.Acknowledgement;
using AlertWorker.Storage;

namespace AlertWorker.Escalation;

public static class EscalationRegistration
{
    /// <summary>
    /// Answers and escalation (SPEC §7): the acknowledgement store, the escalation pass as a Quartz job every
    /// <c>Escalation:Interval</c> (stale feed alarms included) and the 叫应 record. Needs
    /// <c>AddStorage</c>, <c>AddLiveConfig</c> and <c>AddFeeds</c> (feed health, the Quartz scheduler).
    /// </summary>
    public static IHostApplicationBuilder AddEscalation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EscalationOptions>()
            .Bind(builder.Configuration.GetSection(EscalationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IAcknowledgementStore, SqlAcknowledgementStore>();
        builder.Services.AddSingleton<IEscalationStore, SqlEscalationStore>();
        builder.Services.AddSingleton<IAnswerRecordStore, SqlAnswerRecordStore>();
        builder.Services.AddSingleton<StaleFeedAlarm>();
        builder.Services.AddSingleton<EscalationPass>();
        builder.Services.AddTransient<EscalationJob>();
        builder.Services.AddHostedService<EscalationSchedule>();
        return builder;
    }
}
