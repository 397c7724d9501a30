using AlertWorker.Dispatch;
using AlertWorker.Domain.Policy;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;
using AlertWorker.Tests.Storage;
using Microsoft.Extensions.Time.Testing;

namespace AlertWorker.Tests.Dispatch;

public class DeliverySignalTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(DispatchHarness.Start);

    [Fact]
    public async Task WaitAsync_SignalledWhileWaiting_ReturnsWithoutTheClockMoving()
    {
        var signal = new DeliverySignal(_clock);
        var wait = signal.WaitAsync(Poll, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        signal.Notify();

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_SignalledBeforeTheWait_ReturnsAtOnceAndSeveralSignalsCountOnce()
    {
        var signal = new DeliverySignal(_clock);
        signal.Notify();
        signal.Notify();

        await signal.WaitAsync(Poll, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var second = signal.WaitAsync(Poll, CancellationToken.None);

        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_NoSignal_ReturnsWhenThePollIntervalRunsOut()
    {
        var signal = new DeliverySignal(_clock);
        var wait = signal.WaitAsync(Poll, CancellationToken.None);

        _clock.Advance(Poll - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_Stopping_Throws()
    {
        var signal = new DeliverySignal(_clock);
        using var stopping = new CancellationTokenSource();
        var wait = signal.WaitAsync(Poll, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Theory]
    [InlineData(1, true)] // an outcome with notices queued deliveries: the dispatcher is woken
    [InlineData(0, false)] // an outcome without notices (ignored, nobody to tell) queued nothing
    public async Task SaveOutcomeAsync_Notices_WakesTheDispatcherOnlyWhenSomethingWasQueued(int notices, bool woken)
    {
        await using var db = await TempDatabase.CreateAsync();
        var signal = new DeliverySignal(_clock);
        var store = new SqlWarningStore(db.Database, queued: signal);
        var outcome = DispatchHarness.Notify("signal", Level.Red,
            Enumerable.Repeat(DispatchHarness.Notice("P-042", Level.Red, Channel.Sms), notices).ToArray());

        await store.SaveOutcomeAsync(outcome, chain: null, "test-feed", _clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(woken, signal.WaitAsync(Poll, CancellationToken.None).IsCompleted);
    }
}
