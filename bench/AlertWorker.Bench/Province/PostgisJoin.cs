using AlertWorker.Domain.Directory;
using AlertWorker.Domain.Warnings;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace AlertWorker.Bench.Province;

/// <summary>One row of the PostGIS join: a point (with one of its point roles, or none), a region
/// role with the affected points of its subtree, or a duty role on shift.</summary>
internal readonly record struct JoinRow(int Warning, string? PointId, string? PersonId, string? Role, string[]? Points);

/// <summary>
/// The matcher's join (SPEC §5.1–5.3) done by PostGIS on the same directory, as well as PostGIS
/// does it: points in a table with GiST indexes on a geometry (polygons, planar lon/lat like the
/// matcher) and on a geography (circles: <c>ST_DWithin</c> on the sphere, like the matcher's
/// haversine), clustered on the geometry index, the region tree as a closure table, covering
/// indexes on the assignments, VACUUM ANALYZE, and one prepared set-based statement that takes any
/// number of warnings at once as arrays (warning number, shape).
/// </summary>
internal sealed class PostgisJoin : IAsyncDisposable
{
    private const string Database = "alertworker_bench";

    private const string Shapes = """
        WITH polys AS MATERIALIZED (
          SELECT t.w, ST_GeomFromWKB(t.g, 4326) AS geom FROM unnest(@pw, @pg) AS t(w, g)),
        circles AS MATERIALIZED (
          SELECT t.w, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography AS centre, t.r
          FROM unnest(@cw, @clon, @clat, @cr) AS t(w, lon, lat, r)),
        named AS MATERIALIZED (
          SELECT DISTINCT t.w, t.code FROM unnest(@gw, @gc) AS t(w, code) JOIN regions r ON r.code = t.code),
        hit AS MATERIALIZED (
          SELECT s.w, p.id, p.region_code FROM polys s JOIN points p ON ST_Intersects(p.geom, s.geom)
          UNION
          SELECT c.w, p.id, p.region_code FROM circles c JOIN points p ON ST_DWithin(p.geog, c.centre, c.r, false)
          UNION
          SELECT n.w, p.id, p.region_code FROM named n
            JOIN region_closure rc ON rc.ancestor = n.code JOIN points p ON p.region_code = rc.descendant)
        """;

    /// <summary>Points with their point roles, region roles on the same root path as an affected
    /// region with the affected points of their subtree, and the duty roles on shift.</summary>
    private const string FullJoin = Shapes + """
        ,
        affected AS MATERIALIZED (
          SELECT w, region_code AS code FROM hit UNION SELECT w, code FROM named),
        scopes AS MATERIALIZED (
          SELECT a.w, rc.ancestor AS scope FROM affected a JOIN region_closure rc ON rc.descendant = a.code
          UNION
          SELECT a.w, rc.descendant FROM affected a JOIN region_closure rc ON rc.ancestor = a.code),
        covered AS (
          SELECT h.w, rc.ancestor AS scope, array_agg(h.id ORDER BY h.id) AS ids
          FROM hit h JOIN region_closure rc ON rc.descendant = h.region_code
          WHERE EXISTS (SELECT 1 FROM region_roles rr WHERE rr.scope = rc.ancestor)
          GROUP BY h.w, rc.ancestor)
        SELECT h.w, h.id, pr.person_id, pr.role, NULL::text[] FROM hit h LEFT JOIN point_roles pr ON pr.scope = h.id
        UNION ALL
        SELECT s.w, NULL, rr.person_id, rr.role, c.ids FROM scopes s
          JOIN region_roles rr ON rr.scope = s.scope LEFT JOIN covered c ON c.w = s.w AND c.scope = s.scope
        UNION ALL
        SELECT d.w, NULL, sh.person_id, sh.role, NULL FROM (SELECT DISTINCT w FROM affected) d
          CROSS JOIN (SELECT DISTINCT person_id, role FROM shifts WHERE start_at <= @now AND @now < end_at) sh
        """;

    /// <summary>The spatial part alone: which points each warning covers.</summary>
    private const string PointsOnly = Shapes + "\nSELECT w, id, NULL::text, NULL::text, NULL::text[] FROM hit";

    private static readonly WKBWriter Wkb = new();
    private static readonly GeometryFactory Geometry = new();

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _full;
    private readonly NpgsqlCommand _pointsOnly;

    private PostgisJoin(NpgsqlConnection connection, string serverVersion, string postgisVersion)
    {
        _connection = connection;
        ServerVersion = serverVersion;
        PostgisVersion = postgisVersion;
        _full = Command(FullJoin, withNow: true);
        _pointsOnly = Command(PointsOnly, withNow: false);
    }

    public string ServerVersion { get; }
    public string PostgisVersion { get; }

    /// <summary>Creates the database afresh, loads the directory and prepares the statements.</summary>
    public static async Task<PostgisJoin> CreateAsync(string connectionString, DirectorySnapshot directory)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            await Execute(admin, $"DROP DATABASE IF EXISTS {Database}");
            await Execute(admin, $"CREATE DATABASE {Database}");
        }
        builder.Database = Database;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await Execute(connection, "CREATE EXTENSION postgis");
        await LoadAsync(connection, directory);

        await using var versions = new NpgsqlCommand("SELECT version(), postgis_lib_version()", connection);
        await using var reader = await versions.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (server, postgis) = (reader.GetString(0), reader.GetString(1));
        await reader.CloseAsync();
        var join = new PostgisJoin(connection, server, postgis);
        await join._full.PrepareAsync();
        await join._pointsOnly.PrepareAsync();
        return join;
    }

    private static async Task LoadAsync(NpgsqlConnection connection, DirectorySnapshot directory)
    {
        await Execute(connection, """
            CREATE TABLE regions (code text PRIMARY KEY, parent text);
            CREATE TABLE region_closure (ancestor text NOT NULL, descendant text NOT NULL);
            CREATE TABLE points_raw (id text NOT NULL, region_code text NOT NULL, lon float8 NOT NULL, lat float8 NOT NULL);
            CREATE TABLE point_roles (scope text NOT NULL, person_id text NOT NULL, role text NOT NULL);
            CREATE TABLE region_roles (scope text NOT NULL, person_id text NOT NULL, role text NOT NULL);
            CREATE TABLE shifts (person_id text NOT NULL, role text NOT NULL, start_at timestamptz NOT NULL, end_at timestamptz NOT NULL);
            """);

        await CopyAsync(connection, "regions (code, parent)", directory.Regions, (w, r) =>
        {
            w.Write(r.Code, NpgsqlDbType.Text);
            w.Write(r.ParentCode ?? "", NpgsqlDbType.Text);
        });
        var closure = directory.Regions.SelectMany(r => directory.PathToRoot(r.Code).Select(a => (Ancestor: a, Descendant: r.Code)));
        await CopyAsync(connection, "region_closure (ancestor, descendant)", closure, (w, c) =>
        {
            w.Write(c.Ancestor, NpgsqlDbType.Text);
            w.Write(c.Descendant, NpgsqlDbType.Text);
        });
        await CopyAsync(connection, "points_raw (id, region_code, lon, lat)", directory.HazardPoints, (w, p) =>
        {
            w.Write(p.Id, NpgsqlDbType.Text);
            w.Write(p.RegionCode, NpgsqlDbType.Text);
            w.Write(p.Lon, NpgsqlDbType.Double);
            w.Write(p.Lat, NpgsqlDbType.Double);
        });
        var known = directory.PeopleById;
        await CopyAsync(connection, "point_roles (scope, person_id, role)",
            directory.Assignments.Where(a => a.Role.IsPointRole() && known.ContainsKey(a.PersonId)), WriteAssignment);
        await CopyAsync(connection, "region_roles (scope, person_id, role)",
            directory.Assignments.Where(a => a.Role.IsRegionRole() && known.ContainsKey(a.PersonId)), WriteAssignment);
        await CopyAsync(connection, "shifts (person_id, role, start_at, end_at)",
            directory.Shifts.Where(s => s.Role.IsDutyRole() && known.ContainsKey(s.PersonId)), (w, s) =>
        {
            w.Write(s.PersonId, NpgsqlDbType.Text);
            w.Write(s.Role.ToName(), NpgsqlDbType.Text);
            w.Write(s.Start.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            w.Write(s.End.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        });

        await Execute(connection, """
            CREATE TABLE points AS
              SELECT id, region_code,
                     ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geometry(Point, 4326) AS geom,
                     ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography(Point, 4326) AS geog
              FROM points_raw;
            DROP TABLE points_raw;
            ALTER TABLE points ADD PRIMARY KEY (id);
            CREATE INDEX points_geom ON points USING gist (geom);
            CREATE INDEX points_geog ON points USING gist (geog);
            CREATE INDEX points_region ON points (region_code) INCLUDE (id);
            CLUSTER points USING points_geom;
            ALTER TABLE region_closure ADD PRIMARY KEY (ancestor, descendant);
            CREATE INDEX region_closure_up ON region_closure (descendant, ancestor);
            CREATE INDEX point_roles_scope ON point_roles (scope) INCLUDE (person_id, role);
            CREATE INDEX region_roles_scope ON region_roles (scope) INCLUDE (person_id, role);
            CREATE INDEX shifts_time ON shifts (start_at, end_at) INCLUDE (person_id, role);
            """);
        await Execute(connection, "VACUUM ANALYZE");
    }

    private static void WriteAssignment(NpgsqlBinaryImporter w, Assignment a)
    {
        w.Write(a.Scope, NpgsqlDbType.Text);
        w.Write(a.PersonId, NpgsqlDbType.Text);
        w.Write(a.Role.ToName(), NpgsqlDbType.Text);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            write(importer, row);
        }
        await importer.CompleteAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private NpgsqlCommand Command(string sql, bool withNow)
    {
        var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter("pw", NpgsqlDbType.Array | NpgsqlDbType.Integer));
        command.Parameters.Add(new NpgsqlParameter("pg", NpgsqlDbType.Array | NpgsqlDbType.Bytea));
        command.Parameters.Add(new NpgsqlParameter("cw", NpgsqlDbType.Array | NpgsqlDbType.Integer));
        command.Parameters.Add(new NpgsqlParameter("clon", NpgsqlDbType.Array | NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter("clat", NpgsqlDbType.Array | NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter("cr", NpgsqlDbType.Array | NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter("gw", NpgsqlDbType.Array | NpgsqlDbType.Integer));
        command.Parameters.Add(new NpgsqlParameter("gc", NpgsqlDbType.Array | NpgsqlDbType.Text));
        if (withNow) command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz));
        return command;
    }

    /// <summary>Runs the join for the warnings (numbered by position) and reads every row.</summary>
    public async Task<List<JoinRow>> MatchAsync(IReadOnlyList<Warning> warnings, DateTimeOffset now, bool full)
    {
        var command = full ? _full : _pointsOnly;
        Bind(command, warnings, now);
        var rows = new List<JoinRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new JoinRow(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<string[]>(4)));
        }
        return rows;
    }

    /// <summary>Sets the statement's arrays from the warnings' shapes (warning number = position).</summary>
    private static void Bind(NpgsqlCommand command, IReadOnlyList<Warning> warnings, DateTimeOffset now)
    {
        var (pw, pg, cw, clon, clat, cr, gw, gc) = (new List<int>(), new List<byte[]>(), new List<int>(), new List<double>(),
            new List<double>(), new List<double>(), new List<int>(), new List<string>());
        for (var w = 0; w < warnings.Count; w++)
        {
            foreach (var area in warnings[w].Infos.SelectMany(i => i.Areas))
            {
                foreach (var polygon in area.Polygons)
                {
                    pw.Add(w);
                    pg.Add(Wkb.Write(Polygon(polygon)));
                }
                foreach (var circle in area.Circles)
                {
                    cw.Add(w);
                    clon.Add(circle.Centre.Lon);
                    clat.Add(circle.Centre.Lat);
                    cr.Add(circle.RadiusKm * 1000);
                }
                foreach (var geocode in area.Geocodes)
                {
                    gw.Add(w);
                    gc.Add(geocode.Value.Trim());
                }
            }
        }
        command.Parameters["pw"].Value = pw.ToArray();
        command.Parameters["pg"].Value = pg.ToArray();
        command.Parameters["cw"].Value = cw.ToArray();
        command.Parameters["clon"].Value = clon.ToArray();
        command.Parameters["clat"].Value = clat.ToArray();
        command.Parameters["cr"].Value = cr.ToArray();
        command.Parameters["gw"].Value = gw.ToArray();
        command.Parameters["gc"].Value = gc.ToArray();
        if (command.Parameters.Contains("now")) command.Parameters["now"].Value = now.ToUniversalTime();
    }

    /// <summary>EXPLAIN ANALYZE of the full join for these warnings, to check the plan uses the indexes.</summary>
    public async Task<string> ExplainAsync(IReadOnlyList<Warning> warnings, DateTimeOffset now)
    {
        Bind(_full, warnings, now);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + FullJoin, _connection);
        foreach (NpgsqlParameter parameter in _full.Parameters) explain.Parameters.Add(parameter.Clone());
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }

    private static Polygon Polygon(GeoPolygon polygon)
    {
        var shell = Geometry.CreateLinearRing(polygon.Shell.Select(c => new Coordinate(c.Lon, c.Lat)).ToArray());
        var holes = polygon.Holes.Select(h => Geometry.CreateLinearRing(h.Select(c => new Coordinate(c.Lon, c.Lat)).ToArray())).ToArray();
        return Geometry.CreatePolygon(shell, holes);
    }

    public async ValueTask DisposeAsync()
    {
        await _full.DisposeAsync();
        await _pointsOnly.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
