using System.Text;
using AlertWorker.Web;

namespace AlertWorker.Cli;

/// <summary>
/// <c>hash-password</c> (SPEC §2): reads a password on stdin and prints its hash for
/// <c>users.yaml</c>. At a terminal the password is not echoed; from a pipe the first line is read.
/// </summary>
public static class HashPasswordCommand
{
    public static async Task<int> RunAsync(string[] args, TextReader? stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0)
        {
            await stderr.WriteLineAsync($"hash-password: unexpected argument '{args[0]}'");
            await stderr.WriteLineAsync("usage: AlertWorker hash-password   (the password is read on stdin)");
            return CommandLine.Usage;
        }
        var password = stdin is null && !Console.IsInputRedirected
            ? await ReadHiddenAsync(stderr)
            : await (stdin ?? Console.In).ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await stderr.WriteLineAsync("hash-password: no password given on stdin");
            return CommandLine.Usage;
        }
        await stdout.WriteLineAsync(WebPasswords.Hash(password));
        return 0;
    }

    /// <summary>Reads a line at the terminal without showing it.</summary>
    private static async Task<string> ReadHiddenAsync(TextWriter prompt)
    {
        await prompt.WriteAsync("Password / 密码: ");
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0) text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
        await prompt.WriteLineAsync();
        return text.ToString();
    }
}
