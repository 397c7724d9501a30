using System.Collections.Concurrent;
using System.Diagnostics;
using AlertWorker.Tests.Storage;
using Xunit.Abstractions;

namespace AlertWorker.Tests.Process;

/// <summary>
/// <c>dotnet AlertWorker.dll run</c> on a test database and config folder, Twilio credentials of the
/// stand-in in its environment, plus the settings a test adds. Its output is kept and printed should
/// a wait fail; disposing kills it. Shared by the crash and cluster tests.
/// </summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper _output;
    private readonly string _name;

    private WorkerProcess(System.Diagnostics.Process process, ITestOutputHelper output, string name)
    {
        _process = process;
        _output = output;
        _name = name;
    }

    /// <param name="fromNumber">The Twilio number it sends from: tells instances apart at the stand-in.</param>
    public static WorkerProcess Start(TempDatabase db, string config, string twilioUrl, ITestOutputHelper output, IEnumerable<string> settings,
        string fromNumber = TwilioKestrelStandIn.FromNumber, string name = "worker")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AlertWorker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = db.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
                 [
                     dll, "run",
                     $"--ConnectionStrings:AlertWorker={db.ConnectionString}",
                     $"--AlertWorker:ConfigDirectory={config}",
                     "--AlertWorker:PublicBaseUrl=https://alerts.example.org",
                     "--Urls=http://127.0.0.1:0",
                     $"--Twilio:ApiBaseUrl={twilioUrl}",
                     .. settings,
                 ])
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["Twilio__AccountSid"] = TwilioKestrelStandIn.AccountSid;
        info.Environment["Twilio__AuthToken"] = TwilioKestrelStandIn.AuthToken;
        info.Environment["Twilio__FromNumber"] = fromNumber;

        var process = new System.Diagnostics.Process { StartInfo = info };
        var worker = new WorkerProcess(process, output, name);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits for <paramref name="condition"/>; fails at once should the worker exit first, or when <paramref name="ct"/> (the test's bound) ends.</summary>
    public async Task WaitAsync(Task condition, CancellationToken ct)
    {
        var exited = _process.WaitForExitAsync(ct);
        var first = await Task.WhenAny(condition, exited);
        if (ct.IsCancellationRequested) Fail("the condition did not hold within the test's bound");
        if (first == exited) Fail($"{_name} exited with code {_process.ExitCode} before the condition held");
        await condition;
    }

    /// <summary>Where its web endpoints listen, once it has said so (<c>--Urls</c> names port 0).</summary>
    public Task<Uri> Listening => _listening.Task;

    /// <summary>SIGKILL on Linux: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        if (ListeningLine().Match(line) is { Success: true } listening) _listening.TrySetResult(new Uri(listening.Groups[1].Value));
        _lines.Enqueue(line);
        while (_lines.Count > 200) _lines.TryDequeue(out _);
    }

    private void Fail(string message)
    {
        foreach (var line in _lines) _output.WriteLine($"{_name}: {line}");
        Assert.Fail($"{_name}: {message}");
    }

    // ASP.NET Core's "Now listening on: {address}", quoted or not by the log format
    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: ""?(http://[^""\s]+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningLine();
}
