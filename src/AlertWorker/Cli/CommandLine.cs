using AlertWorker.Hosting;

namespace AlertWorker.Cli;

/// <summary>Dispatches the command line of SPEC §2 to its command.</summary>
public static class CommandLine
{
    public const int Usage = 2;

    /// <param name="stdin">Where <c>hash-password</c> reads; null: the console (without echo at a terminal).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? clock = null, TextReader? stdin = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        clock ??= TimeProvider.System;
        var command = args.Length == 0 || args[0].StartsWith('-') ? "run" : args[0];
        var rest = args.Length == 0 || args[0].StartsWith('-') ? args : args[1..];
        switch (command)
        {
            case "run":
                return await WorkerHost.RunAsync(rest);
            case "check-config":
                return await CheckConfigCommand.RunAsync(rest, stdout, stderr);
            case "replay":
                return await ReplayCommand.RunAsync(rest, stdout, stderr, clock);
            case "hash-password":
                return await HashPasswordCommand.RunAsync(rest, stdin, stdout, stderr);
            case "record":
                return await RecordCommand.RunAsync(rest, Console.OpenStandardOutput(), stderr);
            default:
                await stderr.WriteLineAsync($"unknown command '{command}'; use run, check-config, replay, record or hash-password");
                return Usage;
        }
    }
}
