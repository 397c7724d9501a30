using System.Diagnostics;
using System.Globalization;

namespace AlertWorker.Bench.Province;

/// <summary>
/// What a timed pass on the current thread was up against: the garbage collections during it
/// (count and pause) and, on Linux, how long the thread waited for a CPU while runnable
/// (<c>/proc/thread-self/schedstat</c>), i.e. time taken by other processes on a shared machine.
/// </summary>
internal sealed class PassMeter
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly int[] _collections = Collections();
    private readonly TimeSpan _pause = GC.GetTotalPauseDuration();
    private readonly (long Run, long Wait)? _sched = Schedstat();

    private PassMeter()
    {
    }

    public static PassMeter Start() => new();

    /// <summary>One line: wall time, CPU time and run-queue wait of the thread, GCs and their pause.</summary>
    public string Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_start);
        var collections = Collections().Zip(_collections, (now, before) => now - before).ToArray();
        var pause = GC.GetTotalPauseDuration() - _pause;
        var sched = Schedstat() is { } end && _sched is { } start
            ? string.Create(CultureInfo.InvariantCulture,
                $", on a CPU {(end.Run - start.Run) / 1e6:0} ms, waiting for a CPU {(end.Wait - start.Wait) / 1e6:0} ms")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{wall.TotalMilliseconds:0} ms wall{sched}; GCs gen0/1/2 {collections[0]}/{collections[1]}/{collections[2]}, paused {pause.TotalMilliseconds:0} ms");
    }

    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static (long Run, long Wait)? Schedstat()
    {
        try
        {
            var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
            return (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
