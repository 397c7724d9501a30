using System.Globalization;
using System.Text;

namespace AlertWorker.Bench.Province;

/// <summary>WGS 84 degrees.</summary>
internal readonly record struct LonLat(double Lon, double Lat);

/// <summary>A county's land: a four-cornered cell of the province grid (corners jittered, shared
/// with the neighbours), addressed by (u, v) in [0, 1]² from its south-west corner.</summary>
internal sealed record CountyCell(LonLat SouthWest, LonLat SouthEast, LonLat NorthEast, LonLat NorthWest)
{
    public LonLat At(double u, double v) => new(
        (1 - u) * (1 - v) * SouthWest.Lon + u * (1 - v) * SouthEast.Lon + u * v * NorthEast.Lon + (1 - u) * v * NorthWest.Lon,
        (1 - u) * (1 - v) * SouthWest.Lat + u * (1 - v) * SouthEast.Lat + u * v * NorthEast.Lat + (1 - u) * v * NorthWest.Lat);

    public LonLat Centre => At(0.5, 0.5);
}

internal sealed record ProvinceCounty(string Code, string Name, CountyCell Cell, IReadOnlyList<string> Townships);

/// <summary>
/// A synthetic province for the scale benchmark (issue 5), deterministic for a seed: a province
/// root, 10 prefectures, 100 counties on a jittered 10 x 10 grid (about 80 x 65 km each), 9 to 25
/// townships per county and 8 to 16 villages per township, all with 行政区划代码-shaped codes
/// (52 / 5201 / 520121 / 520121101 / 520121101201). Hazard points cluster around villages, more in
/// the mountainous west and none around a quarter of the villages. Everyone of SPEC §4: a
/// prevention lead, a monitor and the township's technical lead per point, three county duty per
/// county, two township duty per township, and the province duty office's roster (duty-officer
/// and duty-leader shifts carry no region in the directory model, so one office is on shift for
/// the whole province, as one worker serves it).
/// </summary>
internal sealed class ProvinceGenerator
{
    public const string ProvinceCode = "520000";
    private const int GridSize = 10;
    private const double WestLon = 102.0, SouthLat = 26.0, CellLon = 0.8, CellLat = 0.6;

    private static readonly string[] Surnames =
        "王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 余 潘 杜 戴 夏 钟 汪 田 任 姜 范 方 石 姚 谭 廖 邹 熊 金 陆 郝 孔 白 崔 康 毛 邱 秦 江 史 顾 侯 邵 孟 龙 万 段 雷 钱 汤 尹 黎 易 常 武 乔 贺 赖 龚 文"
            .Split(' ');
    private static readonly string[] Given =
        "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建华 建国 志强 国华 玉兰 红梅 德明 永福 光荣 成刚 世平 文军 学林 春燕 晓东 海燕 小红 长青 兴平 开明 顺华 代富 正清 家贵 启明 宗林 应辉 先华 远志 雪梅 丹 琳 波 斌 鹏 飞 宇 浩 亮"
            .Split(' ');
    private static readonly string[] Syllables =
        "红 岩 杉 树 青 杠 大 湾 双 河 石 桥 桂 花 柏 林 新 民 团 结 龙 泉 金 竹 白 果 松 马 鞍 凤 凰 落 雁 高 峰 三 合 中 坝 黄 泥 关 口 水 井 茶 园 麻 柳 向 阳 和 平 星 玉 溪 清 长 坪 冷 核 桃 紫 荆 铜 银 鹤 五 观 音 枫 香 天 池 云 台 小 店 老 盐 鹿 鸣 梨 沙 磨 楠 木 漆 太 崇 兴 万 乐 宝"
            .Split(' ');
    private static readonly string[] PlaceStems =
        "王家沟 李家湾 后山坡 大岩脚 小河口 老屋基 杉树坪 竹林湾 石板沟 黄泥坎 张家坪 陈家岩 刘家槽 冷水沟 岩窝 大梁子 干沟 烂泥湾 观音岩 鹰嘴岩 滴水岩 关门沟 青杠林 二道拐 火烧坪 半边街 白岩 垭口 马家山 杨家坝 邓家沟 罗家湾 田坝头 核桃湾 庙子坪 碾子沟"
            .Split(' ');
    private static readonly (string Type, double Weight, int Low, int High)[] HazardTypes =
        [("滑坡", 0.58, 6, 220), ("崩塌", 0.20, 3, 60), ("泥石流", 0.16, 20, 420), ("地面塌陷", 0.06, 2, 35)];
    private static readonly string[] Directions = "东 南 西 北 东北 东南 西北 西南".Split(' ');
    private static readonly string[] Roads = ["村道", "机耕道", "便道", "乡道"];
    private static readonly string[] MobilePrefixes = ["139", "138", "137", "136", "135", "150", "151", "152", "158", "159", "182", "187", "188", "130", "131", "132", "155", "156", "186", "133", "153", "180", "189"];
    private static readonly DateOnly RosterFirstDay = new(2026, 1, 1), RosterLastDay = new(2035, 12, 31);

    private readonly Random _rng;
    private readonly int _hazardPoints;
    private readonly int _people;

    public ProvinceGenerator(int seed, int hazardPoints = 300_000, int people = 600_000)
    {
        _rng = new Random(seed);
        _hazardPoints = hazardPoints;
        _people = people;
    }

    public List<ProvinceCounty> Counties { get; } = [];
    public List<string[]> Regions { get; } = [];        // code, name, parentCode
    public List<string[]> HazardPoints { get; } = [];   // id, name, type, regionCode, lon, lat, threatenedPeople, evacuationRoute, shelter
    public List<string[]> People { get; } = [];         // id, name, phone, email, language, regionCode
    public List<string[]> Assignments { get; } = [];    // personId, role, scope
    public List<string[]> Shifts { get; } = [];         // personId, role, start, end

    /// <summary>Generates everything and writes <c>directory/*.csv</c> under <paramref name="configDirectory"/>.</summary>
    public void Generate(string configDirectory)
    {
        var villages = BuildRegions();
        var points = PlacePoints(villages);
        AssignPeople(points);
        BuildRoster();
        Write(configDirectory);
    }

    private sealed record Village(string Code, string Name, string Township, string TechnicalLead, LonLat Centre, double TownshipSpread, double Weight);

    private List<Village> BuildRegions()
    {
        Regions.Add([ProvinceCode, "黔岭省", ""]);
        // Grid nodes jittered by up to a fifth of a cell; neighbouring counties share them.
        var nodes = new LonLat[GridSize + 1, GridSize + 1];
        for (var row = 0; row <= GridSize; row++)
        for (var col = 0; col <= GridSize; col++)
        {
            var inner = row > 0 && row < GridSize && col > 0 && col < GridSize;
            nodes[row, col] = new LonLat(
                WestLon + col * CellLon + (inner ? Uniform(-0.2, 0.2) * CellLon : 0),
                SouthLat + row * CellLat + (inner ? Uniform(-0.2, 0.2) * CellLat : 0));
        }

        var villages = new List<Village>();
        for (var row = 0; row < GridSize; row++)
        {
            var prefecture = $"52{row + 1:D2}00";
            Regions.Add([prefecture, PlaceName(2) + "市", ProvinceCode]);
            for (var col = 0; col < GridSize; col++)
            {
                var code = $"52{row + 1:D2}{21 + col:D2}";
                var name = PlaceName(2) + "县";
                Regions.Add([code, name, prefecture]);
                var cell = new CountyCell(nodes[row, col], nodes[row, col + 1], nodes[row + 1, col + 1], nodes[row + 1, col]);
                // The west is mountainous: more points per village there, and a county's own luck on top.
                var countyWeight = (0.4 + 1.6 * (1 - col / (GridSize - 1.0))) * Math.Exp(Gaussian() * 0.5);
                var townships = BuildTownships(code, name, cell, countyWeight, villages);
                Counties.Add(new ProvinceCounty(code, name, cell, townships));
            }
        }
        return villages;
    }

    private List<string> BuildTownships(string county, string countyName, CountyCell cell, double countyWeight, List<Village> villages)
    {
        var (rows, cols) = (_rng.Next(3, 6), _rng.Next(3, 6));
        var codes = new List<string>();
        for (var i = 0; i < rows * cols; i++)
        {
            // The county seat is a 街道 (001), then 镇 (1xx) and 乡 (2xx).
            var town = i < rows * cols * 6 / 10;
            var code = i == 0 ? $"{county}001" : town ? $"{county}{100 + i:D3}" : $"{county}{200 + i:D3}";
            var name = i == 0 ? countyName[..^1] + "街道" : PlaceName(2) + (town ? "镇" : "乡");
            Regions.Add([code, name, county]);
            codes.Add(code);
            var technicalLead = $"TL{code}";
            var (r, c) = (i / cols, i % cols);
            var count = _rng.Next(8, 17);
            for (var k = 0; k < count; k++)
            {
                var community = i == 0 && k < 3;
                var villageCode = community ? $"{code}{1 + k:D3}" : $"{code}{200 + k:D3}";
                var villageName = community ? PlaceName(2) + "社区" : PlaceName(2) + "村";
                Regions.Add([villageCode, villageName, code]);
                var u = (c + Uniform(0.1, 0.9)) / cols;
                var v = (r + Uniform(0.1, 0.9)) / rows;
                var weight = community || _rng.NextDouble() < 0.25 ? 0 : countyWeight * Math.Exp(Gaussian());
                villages.Add(new Village(villageCode, villageName, code, technicalLead, cell.At(u, v),
                    0.4 * CellLat / Math.Max(rows, cols), weight));
            }
        }
        return codes;
    }

    private sealed record PlacedPoint(string Id, Village Village);

    /// <summary>Points cluster within about a kilometre of their village; one in ten lies anywhere in its township.</summary>
    private List<PlacedPoint> PlacePoints(List<Village> villages)
    {
        var cumulative = new double[villages.Count];
        var total = 0.0;
        for (var i = 0; i < villages.Count; i++) cumulative[i] = total += villages[i].Weight;
        var counts = new int[villages.Count];
        for (var n = 0; n < _hazardPoints; n++)
        {
            var at = Array.BinarySearch(cumulative, _rng.NextDouble() * total);
            if (at < 0) at = ~at;
            while (villages[at].Weight == 0) at++; // a zero weight shares its cumulative value with the previous village
            counts[at]++;
        }

        var placed = new List<PlacedPoint>(_hazardPoints);
        var perCounty = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < villages.Count; i++)
        {
            var village = villages[i];
            for (var k = 0; k < counts[i]; k++)
            {
                var county = village.Code[..6];
                var seq = perCounty[county] = perCounty.GetValueOrDefault(county) + 1;
                var id = $"HP{county}{seq:D5}";
                var spread = _rng.NextDouble() < 0.1 ? village.TownshipSpread : 0.01;
                var lon = Math.Round(village.Centre.Lon + Gaussian() * spread * 1.15, 5);
                var lat = Math.Round(village.Centre.Lat + Gaussian() * spread, 5);
                var hazard = PickHazardType();
                var stem = village.Name[..^1] + PlaceStems[_rng.Next(PlaceStems.Length)];
                var name = stem + hazard.Type;
                for (var suffix = 2; !names.Add(name); suffix++) name = $"{stem}{suffix}号{hazard.Type}";
                var shelter = (_rng.Next(3)) switch
                {
                    0 => village.Name + "村委会活动室",
                    1 => village.Name + "集中安置点",
                    _ => village.Name + "文化广场",
                };
                var route = $"沿{Roads[_rng.Next(Roads.Length)]}向{Directions[_rng.Next(Directions.Length)]}撤离约{_rng.Next(3, 25) * 100}米，至{shelter}";
                HazardPoints.Add([id, name, hazard.Type, village.Code, Number(lon), Number(lat),
                    _rng.Next(hazard.Low, hazard.High + 1).ToString(CultureInfo.InvariantCulture), route, shelter]);
                placed.Add(new PlacedPoint(id, village));
            }
        }
        return placed;
    }

    private void AssignPeople(List<PlacedPoint> points)
    {
        // The province duty office: officers rotate daily, leaders weekly (BuildRoster).
        for (var i = 0; i < 10; i++) AddPerson(ProvinceCode, email: true);
        for (var i = 0; i < 4; i++) AddPerson(ProvinceCode, email: true);
        foreach (var county in Counties)
        {
            for (var i = 0; i < 3; i++) Assignments.Add([AddPerson(county.Code, email: true), "county-duty", county.Code]);
            foreach (var township in county.Townships)
            {
                for (var i = 0; i < 2; i++) Assignments.Add([AddPerson(township, email: true), "township-duty", township]);
            }
        }
        var technicalLeads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var township in points.Select(p => p.Village.Township).Distinct())
            technicalLeads[township] = AddPerson(township[..6], email: true);

        // Everyone else is a village's prevention lead or monitor: one monitor per point, and
        // prevention leads for the rest of the people, so that a lead has one or two points.
        var leads = _people - People.Count - points.Count;
        if (leads < 1) throw new InvalidOperationException($"{_people} people are too few for {points.Count} points");
        string? lead = null;
        var leadIndex = -1;
        for (var j = 0; j < points.Count; j++)
        {
            var point = points[j];
            var wanted = (int)((long)j * leads / points.Count);
            if (wanted != leadIndex)
            {
                lead = AddPerson(point.Village.Code, email: _rng.NextDouble() < 0.2);
                leadIndex = wanted;
            }
            Assignments.Add([lead!, "prevention-lead", point.Id]);
            Assignments.Add([AddPerson(point.Village.Code, email: _rng.NextDouble() < 0.1), "monitor", point.Id]);
            Assignments.Add([technicalLeads[point.Village.Township], "technical-lead", point.Id]);
        }
        while (People.Count < _people) AddPerson(ProvinceCode, email: true);
    }

    private void BuildRoster()
    {
        var offset = TimeSpan.FromHours(8);
        var index = 0;
        for (var day = RosterFirstDay; day <= RosterLastDay; day = day.AddDays(1), index++)
        {
            var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), offset);
            var (from, to) = (start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                start.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            Shifts.Add([People[index % 10][0], "duty-officer", from, to]);
            Shifts.Add([People[10 + index / 7 % 4][0], "duty-leader", from, to]);
        }
    }

    private string AddPerson(string region, bool email)
    {
        var n = People.Count + 1;
        var id = $"P{n:D7}";
        var phone = $"+86{MobilePrefixes[n % MobilePrefixes.Length]}{n:D8}";
        People.Add([id, Surnames[_rng.Next(Surnames.Length)] + Given[_rng.Next(Given.Length)], phone,
            email ? $"{id.ToLowerInvariant()}@qianling.example" : "", "zh-CN", region]);
        return id;
    }

    private (string Type, double Weight, int Low, int High) PickHazardType()
    {
        var x = _rng.NextDouble();
        foreach (var type in HazardTypes)
        {
            if ((x -= type.Weight) < 0) return type;
        }
        return HazardTypes[^1];
    }

    private string PlaceName(int syllables)
    {
        var name = new StringBuilder();
        for (var i = 0; i < syllables; i++) name.Append(Syllables[_rng.Next(Syllables.Length)]);
        return name.ToString();
    }

    private double Uniform(double low, double high) => low + _rng.NextDouble() * (high - low);

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

    private static string Number(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    private void Write(string configDirectory)
    {
        var directory = Path.Combine(configDirectory, "directory");
        System.IO.Directory.CreateDirectory(directory);
        WriteCsv(Path.Combine(directory, "regions.csv"), "code,name,parentCode", Regions);
        WriteCsv(Path.Combine(directory, "hazard-points.csv"),
            "id,name,type,regionCode,lon,lat,threatenedPeople,evacuationRoute,shelter", HazardPoints);
        WriteCsv(Path.Combine(directory, "people.csv"), "id,name,phone,email,language,regionCode", People);
        WriteCsv(Path.Combine(directory, "assignments.csv"), "personId,role,scope", Assignments);
        WriteCsv(Path.Combine(directory, "duty-roster.csv"), "personId,role,start,end", Shifts);
    }

    private static void WriteCsv(string path, string header, List<string[]> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("# synthetic province for bench/AlertWorker.Bench (ProvinceGenerator); regenerated on every run");
        writer.WriteLine(header);
        foreach (var row in rows) writer.WriteLine(string.Join(',', row));
    }
}
