using AlertWorker.Configuration;

namespace AlertWorker.Cli;

/// <summary><c>check-config [--config DIR]</c> (SPEC §2): prints every problem as <c>file:line: message</c>.</summary>
public static class CheckConfigCommand
{
    public const string DefaultConfigDirectory = "config";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParseArguments(args, out var configDirectory, out var error))
        {
            await stderr.WriteLineAsync($"check-config: {error}");
            await stderr.WriteLineAsync("usage: AlertWorker check-config [--config DIR]");
            return CommandLine.Usage;
        }

        var result = ConfigLoader.Load(configDirectory);
        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
                await stdout.WriteLineAsync(problem.ToString());
            return 1;
        }

        var (directory, _, feeds) = result.Value;
        var users = result.Value.Users;
        await stdout.WriteLineAsync(
            $"{configDirectory}: valid: {directory.Regions.Count} regions, {directory.HazardPoints.Count} hazard points, "
            + $"{directory.People.Count} people, {directory.Assignments.Count} assignments, {directory.Shifts.Count} shifts, "
            + $"{feeds.Count} feeds, {users.Count} users");
        return 0;
    }

    private static bool TryParseArguments(string[] args, out string configDirectory, out string error)
    {
        configDirectory = DefaultConfigDirectory;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
                configDirectory = args[++i];
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
                configDirectory = args[i]["--config=".Length..];
            else
            {
                error = args[i] == "--config" ? "--config needs a folder" : $"unexpected argument '{args[i]}'";
                return false;
            }
        }
        if (configDirectory.Length == 0)
        {
            error = "--config needs a folder";
            return false;
        }
        return true;
    }
}
