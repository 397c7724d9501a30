using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Policy;

namespace AlertWorker.Domain.Matching;

/// <summary>The one order of every list in an outcome (SPEC §2.1): ascending, ordinal, by the
/// names printed (roles and channels by their kebab-case names), without repeats.</summary>
public static class OutputOrder
{
    public static IReadOnlyList<string> Ids(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Role> Roles(IEnumerable<Role> roles) =>
        roles.Distinct().OrderBy(r => r.ToName(), StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Channel> Channels(IEnumerable<Channel> channels) =>
        channels.Distinct().OrderBy(c => c.ToName(), StringComparer.Ordinal).ToList();
}
