using System.Globalization;

namespace AlertWorker.Tests.Replay;

/// <summary>A place on the ground in WGS 84 degrees.</summary>
internal readonly record struct Spot(double Lat, double Lon);

/// <summary>
/// Where the small directory's points lie for one document: <see cref="First"/> inside its first
/// shape, <see cref="Second"/> inside its second shape (or outside, when it has one shape),
/// <see cref="Outside"/> outside every shape; <see cref="Geocode"/> is one of its geocode values,
/// made a region (null: the document names no region of this directory).
/// </summary>
internal sealed record FixtureLayout(Spot First, Spot Second, Spot Outside, string? Geocode)
{
    /// <summary>A document without shapes: every point lies outside, only the geocode reaches one.</summary>
    public static FixtureLayout GeocodeOnly(string geocode) => new(Far, Far, Far, geocode);

    private static readonly Spot Far = new(-60, -150);
}

/// <summary>
/// A temp config folder with one small directory laid out around a document (see
/// <see cref="FixtureLayout"/>), a policy that lists every role at all four levels, and no feeds.
/// </summary>
/// <remarks>
/// Regions: <c>C</c> (the root) holds <c>T1</c>, <c>T2</c> and <c>G</c> (the geocode value, or
/// <c>UNNAMED</c>); <c>G</c> holds <c>G-V</c> and <c>G-W</c>.
/// Points: <c>HP-1</c> (T1, First), <c>HP-2</c> (T1, Second), <c>HP-3</c> (G-V, Outside: reached
/// only through the geocode), <c>HP-4</c> (T2, Outside).
/// People (phone and email unless said): <c>P-01</c> prevention-lead and monitor of HP-1;
/// <c>P-02</c> monitor of HP-4; <c>P-03</c> (phone only) technical-lead of HP-1..HP-4;
/// <c>P-04</c> (email only) monitor of HP-2 and HP-3; <c>P-05</c> township-duty of T1;
/// <c>P-06</c> township-duty of T2; <c>P-07</c> county-duty of C; <c>P-08</c> township-duty of G;
/// <c>P-12</c> township-duty of G-W (no points); on the roster <c>P-09</c> duty-officer from an hour
/// before "now" to an hour after, <c>P-10</c> duty-leader from "now" (inclusive) for a day,
/// <c>P-11</c> duty-officer for the day that ends at "now" (exclusive).
/// Channels: red [voice, sms], orange [sms, voice], yellow [sms, email], blue [email].
/// </remarks>
internal sealed class ReplayConfigFolder : IDisposable
{
    public const string Policy = """
        levels:
          red:
            roles: [prevention-lead, monitor, technical-lead, township-duty, county-duty, duty-officer, duty-leader]
            channels: [voice, sms]
          orange:
            roles: [prevention-lead, monitor, technical-lead, township-duty, county-duty, duty-officer, duty-leader]
            channels: [sms, voice]
          yellow:
            roles: [prevention-lead, monitor, technical-lead, township-duty, county-duty, duty-officer, duty-leader]
            channels: [sms, email]
          blue:
            roles: [prevention-lead, monitor, technical-lead, township-duty, county-duty, duty-officer, duty-leader]
            channels: [email]
        """;

    private ReplayConfigFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alertworker-replay-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Path, "directory"));
    }

    public string Path { get; }

    public static ReplayConfigFolder Create(FixtureLayout layout, DateTimeOffset now)
    {
        var folder = new ReplayConfigFolder();
        var g = layout.Geocode ?? "UNNAMED";
        folder.Write("directory/regions.csv", $"""
            code,name,parentCode
            C,County,
            T1,Township of the shapes,C
            T2,Township outside,C
            {g},Region of the geocode,C
            {g}-V,Village with a point,{g}
            {g}-W,Village without points,{g}
            """);
        folder.Write("directory/hazard-points.csv", $"""
            id,name,type,regionCode,lon,lat
            HP-1,In the first shape,landslide,T1,{Num(layout.First.Lon)},{Num(layout.First.Lat)}
            HP-2,In the second shape,landslide,T1,{Num(layout.Second.Lon)},{Num(layout.Second.Lat)}
            HP-3,Reached by the geocode only,debris flow,{g}-V,{Num(layout.Outside.Lon)},{Num(layout.Outside.Lat)}
            HP-4,Outside every shape,rockfall,T2,{Num(layout.Outside.Lon)},{Num(layout.Outside.Lat)}
            """);
        folder.Write("directory/people.csv", """
            id,name,phone,email,language,regionCode
            P-01,Lead and monitor of HP-1,+8613800000001,p01@example.org,zh-CN,T1
            P-02,Monitor of HP-4,+8613800000002,p02@example.org,zh-CN,T2
            P-03,Technical lead (phone only),+8613800000003,,en,C
            P-04,Monitor of HP-2 and HP-3 (email only),,p04@example.org,zh-CN,T1
            P-05,Township duty T1,+8613800000005,p05@example.org,zh-CN,T1
            P-06,Township duty T2,+8613800000006,p06@example.org,zh-CN,T2
            P-07,County duty,+8613800000007,p07@example.org,zh-CN,C
            P-08,Township duty of the geocode region,+8613800000008,p08@example.org,zh-CN,C
            P-09,Duty officer on shift,+8613800000009,p09@example.org,zh-CN,C
            P-10,Duty leader from now,+8613800000010,p10@example.org,zh-CN,C
            P-11,Duty officer until now,+8613800000011,p11@example.org,zh-CN,C
            P-12,Township duty of a village without points,+8613800000012,p12@example.org,zh-CN,C
            """);
        folder.Write("directory/assignments.csv", $"""
            personId,role,scope
            P-01,prevention-lead,HP-1
            P-01,monitor,HP-1
            P-02,monitor,HP-4
            P-03,technical-lead,HP-1
            P-03,technical-lead,HP-2
            P-03,technical-lead,HP-3
            P-03,technical-lead,HP-4
            P-04,monitor,HP-2
            P-04,monitor,HP-3
            P-05,township-duty,T1
            P-06,township-duty,T2
            P-07,county-duty,C
            P-08,township-duty,{g}
            P-12,township-duty,{g}-W
            """);
        folder.Write("directory/duty-roster.csv", $"""
            personId,role,start,end
            P-09,duty-officer,{Time(now.AddHours(-1))},{Time(now.AddHours(1))}
            P-10,duty-leader,{Time(now)},{Time(now.AddDays(1))}
            P-11,duty-officer,{Time(now.AddDays(-1))},{Time(now)}
            """);
        folder.Write("policy.yaml", Policy);
        folder.Write("feeds.yaml", "feeds: []\n");
        return folder;
    }

    public void Write(string relative, string text) =>
        File.WriteAllText(System.IO.Path.Combine(Path, relative), text + "\n");

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Path))
            System.IO.Directory.Delete(Path, recursive: true);
    }

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
