using AlertWorker.Cli;
using AlertWorker.Web;
using Microsoft.AspNetCore.Identity;

namespace AlertWorker.Tests.Cli;

public class HashPasswordCommandTests
{
    [Fact]
    public async Task Run_PasswordOnStdin_PrintsAHashThatPasswordHasherVerifies()
    {
        var (exit, stdout, stderr) = await RunAsync("青岚 duty 2025!\n");

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var hash = stdout.TrimEnd();
        var hasher = new PasswordHasher<WebUser>();
        var user = new WebUser("duty", "duty", [WebRoles.DutyOfficer], hash);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, hash, "青岚 duty 2025!"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, hash, "青岚 duty 2025"));
        Assert.True(UsersLoader.Parse($"users:\n  - name: duty\n    roles: [duty-officer]\n    passwordHash: {hash}\n").IsValid);
    }

    [Fact]
    public async Task Run_SamePasswordTwice_DifferentSalts()
    {
        var (_, first, _) = await RunAsync("same\n");
        var (_, second, _) = await RunAsync("same\n");

        Assert.NotEqual(first, second);
    }

    [Theory]
    // nothing on stdin
    [InlineData("")]
    // an empty line
    [InlineData("\n")]
    public async Task Run_NoPassword_ExitsTwo(string stdin)
    {
        var (exit, stdout, stderr) = await RunAsync(stdin);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("no password", stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string stdin)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["hash-password"], stdout, stderr, stdin: new StringReader(stdin));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
