using AlertWorker.Configuration;
using AlertWorker.Tests.Configuration;
using AlertWorker.Web;

namespace AlertWorker.Tests.Web;

public class UsersLoaderTests
{
    private static readonly string Hash = WebPasswords.Hash("correct horse");

    [Fact]
    public void Load_SampleUsers_DutyOfficerAndAdminWithTheReadmePasswords()
    {
        var result = UsersLoader.Load(SampleConfigFolder.SourcePath);

        Assert.Empty(result.Problems);
        var users = result.Value!;
        Assert.Equal(["duty", "admin"], users.Select(u => u.Name));
        Assert.Equal([WebRoles.DutyOfficer], users[0].Roles);
        Assert.Equal([WebRoles.Admin], users[1].Roles);
        Assert.True(WebPasswords.Verify(users[0], "qinglan-duty"));
        Assert.True(WebPasswords.Verify(users[1], "qinglan-admin"));
        Assert.False(WebPasswords.Verify(users[0], "qinglan-admin"));
    }

    [Fact]
    public void Load_NoUsersFile_NoUsersAndNoProblem()
    {
        using var config = new SampleConfigFolder();
        File.Delete(config.FullPath(UsersLoader.FileName));

        var result = UsersLoader.Load(config.Path);

        Assert.True(result.IsValid);
        Assert.Empty(result.Value);
    }

    [Fact]
    public void Parse_DisplayNameLeftOut_IsTheName()
    {
        var result = UsersLoader.Parse($"users:\n  - name: li\n    roles: [admin, duty-officer]\n    passwordHash: {Hash}\n");

        var user = Assert.Single(result.Value!);
        Assert.Equal(("li", "li", Hash), (user.Name, user.DisplayName, user.PasswordHash));
        Assert.Equal([WebRoles.Admin, WebRoles.DutyOfficer], user.Roles);
    }

    [Theory]
    // a role the web port does not know
    [InlineData("users:\n  - name: li\n    roles: [boss]\n    passwordHash: {hash}\n", "users.yaml:3: user.roles: unknown role 'boss' (use duty-officer or admin)")]
    // the same name twice, case aside
    [InlineData("users:\n  - name: li\n    roles: [admin]\n    passwordHash: {hash}\n  - name: LI\n    roles: [admin]\n    passwordHash: {hash}\n",
        "users.yaml:5: user 'LI' is listed twice (names are case-insensitive)")]
    // no hash at all
    [InlineData("users:\n  - name: li\n    roles: [admin]\n", "users.yaml:2: user 'li' has no 'passwordHash'")]
    // an empty hash
    [InlineData("users:\n  - name: li\n    roles: [admin]\n    passwordHash:\n", "users.yaml:4: user.passwordHash: value is empty")]
    // a plain password where the hash belongs
    [InlineData("users:\n  - name: li\n    roles: [admin]\n    passwordHash: secret123\n", "users.yaml:4: user.passwordHash: not a hash from 'AlertWorker hash-password'")]
    // no roles
    [InlineData("users:\n  - name: li\n    roles: []\n    passwordHash: {hash}\n", "users.yaml:3: user.roles: the list is empty")]
    // a typo in a key
    [InlineData("users:\n  - name: li\n    role: [admin]\n    passwordHash: {hash}\n", "users.yaml:3: user: unknown key 'role' (expected name, displayName, roles, passwordHash)")]
    // a name with a space
    [InlineData("users:\n  - name: li si\n    roles: [admin]\n    passwordHash: {hash}\n", "users.yaml:2: user.name: 'li si' must not contain spaces")]
    public void Parse_BrokenUser_ReportsTheLine(string yaml, string problem)
    {
        var result = UsersLoader.Parse(yaml.Replace("{hash}", Hash));

        Assert.Null(result.Value);
        Assert.Contains(problem, result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ConfigLoader_BrokenUsersFile_ReportedWithTheOtherFiles()
    {
        using var config = new SampleConfigFolder();
        var line = config.ReplaceLine("users.yaml", "    roles: [admin]", "    roles: [superuser]");

        var result = ConfigLoader.Load(config.Path);

        Assert.False(result.IsValid);
        Assert.Equal([$"users.yaml:{line}: user.roles: unknown role 'superuser' (use duty-officer or admin)"], result.Problems.Select(p => p.ToString()));
    }
}
