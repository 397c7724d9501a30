using System.Collections.Concurrent;
using AlertWorker.Tests.Web.Webhooks;

namespace AlertWorker.Tests.Process;

/// <summary>
/// Twilio's first status callback for each message or call the stand-in created (<c>sent</c>, <c>initiated</c>),
/// signed as Twilio signs it over the <c>StatusCallback</c> URL the worker gave, and posted to the instances
/// behind that public URL as a load balancer would: to one that is up, the next one if it is not. Real time,
/// bounded: a callback that finds no instance up within <see cref="Patience"/> is counted as lost.
/// </summary>
internal sealed class StatusCallbacks(Func<IReadOnlyList<Uri>> instances) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentBag<Task> _posting = [];
    private int _recorded;
    private int _lost;

    public int Recorded => Volatile.Read(ref _recorded);

    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Posts the callback of <paramref name="created"/> in the background, as Twilio does after its 201.</summary>
    public void Post(TwilioKestrelStandIn.Created created) => _posting.Add(Task.Run(() => PostAsync(created)));

    /// <summary>Waits for every callback posted so far to be taken or lost.</summary>
    public Task DrainAsync() => Task.WhenAll(_posting);

    private async Task PostAsync(TwilioKestrelStandIn.Created created)
    {
        var form = created.IsCall
            ? new Dictionary<string, string> { ["CallSid"] = created.Sid, ["CallStatus"] = "initiated", ["To"] = created.To, ["From"] = created.From }
            : new Dictionary<string, string> { ["MessageSid"] = created.Sid, ["MessageStatus"] = "sent", ["To"] = created.To, ["From"] = created.From };
        var signature = TwilioSigner.Sign(TwilioKestrelStandIn.AuthToken, created.StatusCallback, form);
        var pathAndQuery = new Uri(created.StatusCallback).PathAndQuery;
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var up = instances();
            var first = Random.Shared.Next(Math.Max(1, up.Count));
            foreach (var instance in up.Skip(first).Concat(up.Take(first)))
            {
                if (await TryPostAsync(new Uri(instance, pathAndQuery), form, signature))
                {
                    Interlocked.Increment(ref _recorded);
                    return;
                }
            }
            // no instance has said where it listens yet, or none is up: as a balancer would, try again shortly
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        Interlocked.Increment(ref _lost);
    }

    private async Task<bool> TryPostAsync(Uri url, Dictionary<string, string> form, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        try
        {
            using var response = await _http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        _http.Dispose();
    }
}
