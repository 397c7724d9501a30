namespace AlertWorker.Domain.Directory;

/// <summary>A stretch of time with nobody on shift in a duty role.</summary>
public sealed record RosterGap(Role Role, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Where the duty roster leaves a duty role uncovered (SPEC §9: "any gap in the roster ahead").</summary>
public static class RosterCoverage
{
    /// <summary>
    /// The stretches of [<paramref name="from"/>, <paramref name="to"/>) that no shift in
    /// <paramref name="role"/> covers, in time order. Overlapping and touching shifts join up.
    /// </summary>
    public static IReadOnlyList<RosterGap> Gaps(IEnumerable<Shift> shifts, Role role, DateTimeOffset from, DateTimeOffset to)
    {
        var gaps = new List<RosterGap>();
        var covered = from;
        foreach (var shift in shifts.Where(s => s.Role == role && s.End > from && s.Start < to).OrderBy(s => s.Start))
        {
            if (shift.Start > covered) gaps.Add(new RosterGap(role, covered, shift.Start));
            if (shift.End > covered) covered = shift.End;
        }
        if (covered < to) gaps.Add(new RosterGap(role, covered, to));
        return gaps;
    }
}
