namespace AlertWorker.Web;

/// <summary>The roles of <c>config/users.yaml</c> (SPEC §9): a duty officer watches the board and
/// confirms on someone's behalf; an admin may do that too and keeps the directory and policy.</summary>
public static class WebRoles
{
    public const string DutyOfficer = "duty-officer";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [DutyOfficer, Admin];
}

/// <summary>One user who may log in to the web port, as <c>config/users.yaml</c> lists them.</summary>
/// <param name="PasswordHash">From <c>AlertWorker hash-password</c> (ASP.NET Core Identity's PasswordHasher, v3 format).</param>
public sealed record WebUser(string Name, string DisplayName, IReadOnlyList<string> Roles, string PasswordHash);
