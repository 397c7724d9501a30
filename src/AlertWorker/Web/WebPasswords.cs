using Microsoft.AspNetCore.Identity;

namespace AlertWorker.Web;

/// <summary>Password hashes of <c>users.yaml</c>: ASP.NET Core Identity's PasswordHasher (PBKDF2, v3 format).</summary>
public static class WebPasswords
{
    private static readonly PasswordHasher<WebUser> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>True when the password matches the user's hash (a hash in an older format that still matches counts).</summary>
    public static bool Verify(WebUser user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
