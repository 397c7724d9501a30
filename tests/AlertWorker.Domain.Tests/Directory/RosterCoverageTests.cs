using AlertWorker.Domain.Directory;

namespace AlertWorker.Domain.Tests.Directory;

public class RosterCoverageTests
{
    private static readonly DateTimeOffset Day = new(2026, 7, 10, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Shifts as "start..end" in hours after <see cref="Day"/>; the window is hours 0 to 24.</summary>
    private static Shift[] Shifts(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split("..").Select(int.Parse).ToArray())
            .Select(h => new Shift("P-1", Role.DutyOfficer, Day.AddHours(h[0]), Day.AddHours(h[1])))
            .ToArray();

    [Theory]
    // one shift covers the whole window
    [InlineData("0..24", "")]
    // a shift starting before the window and one ending after it, touching: no gap
    [InlineData("-8..12 12..30", "")]
    // a hole between two shifts
    [InlineData("0..10 12..24", "10..12")]
    // nothing at the start, nothing at the end
    [InlineData("2..20", "0..2 20..24")]
    // overlapping shifts join up; a shift inside another changes nothing
    [InlineData("0..14 10..18 11..12", "18..24")]
    // no shift at all: the whole window
    [InlineData("", "0..24")]
    // shifts entirely outside the window do not count
    [InlineData("-10..0 24..30", "0..24")]
    public void Gaps_ShiftsOfOneRole_UncoveredStretches(string shifts, string expected)
    {
        var gaps = RosterCoverage.Gaps(Shifts(shifts), Role.DutyOfficer, Day, Day.AddHours(24));

        Assert.Equal(expected, string.Join(" ", gaps.Select(g => $"{(g.Start - Day).TotalHours}..{(g.End - Day).TotalHours}")));
    }

    [Fact]
    public void Gaps_ShiftOfAnotherRole_DoesNotCover()
    {
        var leader = new Shift("P-2", Role.DutyLeader, Day, Day.AddHours(24));

        var gap = Assert.Single(RosterCoverage.Gaps([leader], Role.DutyOfficer, Day, Day.AddHours(24)));

        Assert.Equal(new RosterGap(Role.DutyOfficer, Day, Day.AddHours(24)), gap);
    }
}
