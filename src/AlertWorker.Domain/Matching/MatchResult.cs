using AlertWorker.Domain.Directory;

namespace AlertWorker.Domain.Matching;

/// <summary>
/// What a warning touches in one directory version (SPEC §5.1–5.3), before the policy is applied.
/// Every list is sorted ascending (ordinal).
/// </summary>
/// <param name="HazardPoints">Affected hazard point ids.</param>
/// <param name="Regions">Affected region codes: the known geocode regions plus the regions of affected points.</param>
/// <param name="Candidates">One entry per (person, role) concerned, ordered by person id then role name.</param>
/// <param name="UnknownGeocodes">Geocode values that name no region; they are ignored, the host logs them once.</param>
public sealed record MatchResult(
    IReadOnlyList<string> HazardPoints,
    IReadOnlyList<string> Regions,
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyList<string> UnknownGeocodes);

/// <summary>A person concerned in one role, with the affected points that role answers for
/// (point roles: the point; region roles: the affected points of the scope's subtree; duty roles: none).</summary>
public sealed record Candidate(string PersonId, Role Role, IReadOnlyList<string> HazardPoints);
