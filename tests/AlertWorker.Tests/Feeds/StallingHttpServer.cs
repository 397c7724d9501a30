using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlertWorker.Tests.Feeds;

/// <summary>
/// A loopback HTTP server that answers every request with the given head and first body bytes,
/// then sends nothing more until disposed: a body that never finishes.
/// </summary>
internal sealed class StallingHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public StallingHttpServer(string head, byte[] firstBytes)
    {
        _listener.Start();
        _serving = ServeAsync(Encoding.ASCII.GetBytes(head + "\r\n"), firstBytes);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/feed";

    private async Task ServeAsync(byte[] head, byte[] firstBytes)
    {
        var open = new List<TcpClient>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                open.Add(client);
                var stream = client.GetStream();
                var request = new byte[8192];
                _ = await stream.ReadAsync(request, _stop.Token);
                await stream.WriteAsync(head, _stop.Token);
                await stream.WriteAsync(firstBytes, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // disposed: stop serving
        }
        finally
        {
            foreach (var client in open) client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
