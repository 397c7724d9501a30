using System.Diagnostics;
using System.Globalization;

namespace AlertWorker.Bench;

/// <summary>
/// CPU time spent during a run, by this process and, when the database server runs on this machine
/// and its processes can be read (Linux <c>/proc</c>), by the server: on a shared machine a steadier
/// figure than the wall time, and it tells a run short of CPU from one waiting on round trips.
/// </summary>
internal sealed class CpuMeter
{
    private readonly int? _postmaster;
    private readonly TimeSpan _process = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Dictionary<int, double> _server;

    private CpuMeter(int? postmaster)
    {
        _postmaster = postmaster;
        _server = ServerSeconds(postmaster);
    }

    /// <param name="postmaster">The server's main process, or null for none (SQLite) or one that cannot be read.</param>
    public static CpuMeter Start(int? postmaster) => new(postmaster);

    /// <summary>CPU milliseconds per item since the start, here and on the server.</summary>
    public string PerItem(long items)
    {
        var process = (Process.GetCurrentProcess().TotalProcessorTime - _process).TotalMilliseconds;
        var text = string.Create(CultureInfo.InvariantCulture, $"CPU here {process / items:0.00} ms/send");
        if (_postmaster is null) return text;
        // a server process started during the run counts whole, one gone since the start is not counted
        var server = ServerSeconds(_postmaster).Sum(p => p.Value - _server.GetValueOrDefault(p.Key)) * 1000;
        return text + string.Create(CultureInfo.InvariantCulture, $", server {server / items:0.00} ms/send");
    }

    /// <summary>CPU seconds (user and system) of the server's main process and each of its children, by process id.</summary>
    private static Dictionary<int, double> ServerSeconds(int? postmaster)
    {
        var seconds = new Dictionary<int, double>();
        if (postmaster is not { } main) return seconds;
        foreach (var folder in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                // after "(comm)": state, ppid, ... utime (12th), stime (13th), in clock ticks (100 a second on Linux)
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid != main && int.Parse(fields[1], CultureInfo.InvariantCulture) != main) continue;
                seconds[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // gone meanwhile, or not ours to read
            }
        }
        return seconds;
    }
}
