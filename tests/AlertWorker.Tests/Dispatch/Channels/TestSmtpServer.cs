using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace AlertWorker.Tests.Dispatch.Channels;

/// <summary>
/// A real SMTP server on a loopback port, in the test process: keeps every message it accepts and
/// answers RCPT TO for the addresses in <see cref="RcptReplies"/> with the reply code given there.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _running = new SmtpServerHost(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Address -> SMTP reply code to RCPT TO (e.g. 550 mailbox unknown, 451 try later).</summary>
    public ConcurrentDictionary<string, int> RcptReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer();
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(ProbeInterval);
            }
        }
    }

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A loopback port nothing listens on (reserved, then released).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped as asked
        }
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override Task<SmtpServerResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            server.Messages.Enqueue(MimeMessage.Load(new MemoryStream(buffer.ToArray())));
            return Task.FromResult(SmtpServerResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            server.RcptReplies.TryGetValue($"{to.User}@{to.Host}", out var code)
                ? throw new SmtpResponseException(new SmtpServerResponse((SmtpReplyCode)code, "mailbox refused by the test server"))
                : Task.FromResult(true);
    }
}
