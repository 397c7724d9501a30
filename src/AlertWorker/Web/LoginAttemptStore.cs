using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AlertWorker.Web;

/// <summary>
/// Wrong passwords per user, in memory: <see cref="WebLoginOptions.LockoutAfterFailures"/> in a row
/// lock the account for <see cref="WebLoginOptions.LockoutDuration"/>; a good password clears the
/// count. Each instance counts its own attempts; a restart forgets them.
/// </summary>
public sealed class LoginAttemptStore(TimeProvider time, IOptions<WebLoginOptions> options)
{
    private sealed record Attempts(int Failures, DateTimeOffset? LockedUntil);

    private readonly ConcurrentDictionary<string, Attempts> _byUser = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Until when the account is locked, or null when it is not.</summary>
    public DateTimeOffset? LockedUntil(string userName) =>
        _byUser.TryGetValue(userName, out var attempts) && attempts.LockedUntil is { } until && until > time.GetUtcNow() ? until : null;

    /// <summary>Counts a wrong password; returns until when the account is now locked, or null.</summary>
    public DateTimeOffset? RecordFailure(string userName) =>
        _byUser.AddOrUpdate(userName, _ => Next(new Attempts(0, null)), (_, attempts) => Next(attempts)).LockedUntil;

    public void RecordSuccess(string userName) => _byUser.TryRemove(userName, out _);

    private Attempts Next(Attempts attempts)
    {
        var failures = attempts.Failures + 1;
        return failures >= options.Value.LockoutAfterFailures
            ? new Attempts(0, time.GetUtcNow() + options.Value.LockoutDuration)
            : new Attempts(failures, null);
    }
}
