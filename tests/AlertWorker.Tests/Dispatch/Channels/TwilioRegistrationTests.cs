using AlertWorker.Dispatch;
using AlertWorker.Dispatch.Channels;
using AlertWorker.Domain.Policy;
using AlertWorker.Hosting;
using AlertWorker.Tests.Configuration;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertWorker.Tests.Dispatch.Channels;

public class TwilioRegistrationTests
{
    [Fact]
    public async Task AddTwilio_Credentials_RegistersSmsAndVoiceSenders()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();

        await using var app = WorkerHost.Build([.. Args(db, config), .. Credentials("+15005550006")]);

        var senders = app.Services.GetServices<IChannelSender>().ToList();
        Assert.Equal([(Channel.Sms, "twilio"), (Channel.Voice, "twilio")], senders.Select(s => (s.Channel, s.Provider)).Order());
    }

    [Fact]
    public async Task AddTwilio_NoCredentials_RegistersNoSender()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();

        await using var app = WorkerHost.Build(Args(db, config));

        Assert.DoesNotContain(app.Services.GetServices<IChannelSender>(), s => s.Provider == TwilioApi.Provider);
    }

    [Fact]
    public async Task Start_CredentialsWithABadFromNumber_StopsWithTheSetting()
    {
        await using var db = await TempDatabase.CreateAsync(migrate: false);
        using var config = new SampleConfigFolder();
        await using var app = WorkerHost.Build([.. Args(db, config), .. Credentials("0086 138")]);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Twilio:FromNumber '0086 138' is not an E.164 number", failure.Message, StringComparison.Ordinal);
    }

    private static string[] Args(TempDatabase db, SampleConfigFolder config) =>
    [
        $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
        $"--AlertWorker:ConfigDirectory={config.Path}",
        "--Urls=http://127.0.0.1:0",
    ];

    private static string[] Credentials(string fromNumber) =>
    [
        "--Twilio:AccountSid=AC0123456789abcdef0123456789abcdef",
        "--Twilio:AuthToken=registration-test-token",
        $"--Twilio:FromNumber={fromNumber}",
    ];
}
