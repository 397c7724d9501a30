using AlertWorker.Configuration;
using YamlDotNet.RepresentationModel;

namespace AlertWorker.Web;

/// <summary>
/// Loads <c>config/users.yaml</c> (SPEC §9): a list of users with a name, a display name, roles
/// and a password hash. Every problem is reported with its line. A folder without the file has
/// no users: nobody can log in, but the worker runs (and <c>replay</c> needs no users).
/// </summary>
public static class UsersLoader
{
    public const string FileName = "users.yaml";

    private static readonly string[] TopKeys = ["users"];
    private static readonly string[] UserKeys = ["name", "displayName", "roles", "passwordHash"];
    private static readonly string[] RequiredKeys = ["name", "roles", "passwordHash"];

    /// <summary>Format marker of ASP.NET Core Identity's v3 hashes (PBKDF2 with salt and iteration count).</summary>
    private const byte IdentityV3Marker = 0x01;

    public static LoadResult<IReadOnlyList<WebUser>> Load(string configDirectory)
    {
        if (!File.Exists(Path.Combine(configDirectory, FileName)))
            return new LoadResult<IReadOnlyList<WebUser>>([], []);
        var problems = new List<ConfigProblem>();
        return ConfigFileReader.ReadText(configDirectory, FileName, problems) is { } text
            ? Parse(text)
            : new LoadResult<IReadOnlyList<WebUser>>(null, problems);
    }

    public static LoadResult<IReadOnlyList<WebUser>> Parse(string yaml)
    {
        var reader = new YamlNodeReader(FileName);
        var users = new List<WebUser>();
        if (reader.LoadRoot(yaml) is { } root)
        {
            foreach (var (_, value) in reader.Entries(root, "top level", TopKeys))
            {
                if (reader.Sequence(value, "users") is not { } list)
                    continue;
                foreach (var node in list.Children)
                {
                    if (ReadUser(reader, node) is not { } user)
                        continue;
                    if (users.Any(u => string.Equals(u.Name, user.Name, StringComparison.OrdinalIgnoreCase)))
                        reader.Add(node, $"user '{user.Name}' is listed twice (names are case-insensitive)");
                    else
                        users.Add(user);
                }
            }
        }
        return LoadResult<IReadOnlyList<WebUser>>.From(users, reader.Problems);
    }

    private static WebUser? ReadUser(YamlNodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "user") is not { } map)
            return null;
        string? name = null, displayName = null, hash = null;
        List<string>? roles = null;
        var ok = true;
        foreach (var (key, value) in reader.Entries(map, "user", UserKeys))
        {
            switch (key)
            {
                case "name":
                    name = reader.Scalar(value, "user.name");
                    if (name is not null && name.Any(char.IsWhiteSpace))
                    {
                        reader.Add(value, $"user.name: '{name}' must not contain spaces");
                        ok = false;
                    }
                    break;
                case "displayName":
                    displayName = reader.Scalar(value, "user.displayName");
                    break;
                case "roles":
                    roles = ReadRoles(reader, value);
                    ok &= roles is not null;
                    break;
                default:
                    hash = reader.Scalar(value, "user.passwordHash");
                    if (hash is not null && !IsIdentityHash(hash))
                    {
                        reader.Add(value, "user.passwordHash: not a hash from 'AlertWorker hash-password'");
                        ok = false;
                    }
                    break;
            }
        }
        foreach (var required in RequiredKeys)
        {
            if (map.Children.ContainsKey(required))
                continue;
            reader.Add(map, $"{(name is null ? "a user" : $"user '{name}'")} has no '{required}'");
            ok = false;
        }
        if (!ok || name is null || roles is null || hash is null)
            return null;
        return new WebUser(name, displayName ?? name, roles, hash);
    }

    private static List<string>? ReadRoles(YamlNodeReader reader, YamlNode node)
    {
        if (reader.ScalarList(node, "user.roles") is not { } items)
            return null;
        var roles = new List<string>();
        var ok = items.Count > 0;
        if (!ok)
            reader.Add(node, "user.roles: the list is empty");
        foreach (var (text, itemNode) in items)
        {
            if (WebRoles.All.FirstOrDefault(r => string.Equals(r, text, StringComparison.OrdinalIgnoreCase)) is not { } role)
            {
                reader.Add(itemNode, $"user.roles: unknown role '{text}' (use {string.Join(" or ", WebRoles.All)})");
                ok = false;
            }
            else if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }
        return ok ? roles : null;
    }

    private static bool IsIdentityHash(string hash)
    {
        Span<byte> bytes = stackalloc byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var written) && written > 13 && bytes[0] == IdentityV3Marker;
    }
}
