using System.Globalization;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Bench.Cases;

/// <summary>A report as POST /api/reports takes it (camelCase JSON).</summary>
internal sealed record ReportBody(
    string Channel,
    string CategoryCode,
    string Text,
    double Latitude,
    double Longitude,
    string? Address,
    string? ReporterName,
    string? ReporterPhone);

/// <summary>
/// Realistic reports from the reference data: a leaf category, a random point inside a random grid cell's polygon,
/// a channel in roughly the mix a city hotline sees, and Chinese text naming a street and a house number (the
/// duplicate check compares house numbers). A near-duplicate repeats a recent report's problem: the same category
/// and house number a few metres away, other words, another channel and reporter.
/// </summary>
internal sealed class ReportMaker
{
    private static readonly string[] Roads =
    [
        "春晖路", "江畔路", "梅林路", "雅苑路", "柳岸路", "松风路", "桂花街", "人民路", "解放路", "中山路", "建设路", "湖滨路",
        "文化路", "新华街", "光明路", "和平路", "东风路", "长江路", "黄河路", "青年路", "学府路", "体育路", "滨河路", "翠竹街",
    ];

    private static readonly string[] Openings = ["", "您好，", "市民反映：", "网格员巡查发现：", "我要反映一下，"];

    private static readonly string[] Details =
    [
        "已经好几天了，一直没人管", "影响周边居民出行", "晚上特别严重，请尽快处理", "存在安全隐患，老人小孩经过很危险",
        "之前反映过一次，希望这次能解决", "附近商户也很有意见", "下雨天更加明显", "请相关部门尽快到现场查看",
    ];

    private static readonly string[] Again =
    [
        "还没有处理", "又看到了，情况没有好转", "我也要反映这个问题", "同样的问题，麻烦快点处理", "这里的情况越来越严重",
    ];

    private static readonly string[] Names = ["陈先生", "李女士", "王先生", "张阿姨", "刘师傅", "赵女士", "孙先生", "周女士"];

    // Roughly a city hotline's mix: the hotline and the app dominate, leadership instructions are rare.
    private static readonly (string Channel, int Weight)[] ChannelMix =
    [
        ("Hotline12345", 40), ("CitizenApp", 25), ("GridInspector", 20), ("Web", 8), ("IotAlert", 5), ("LeadershipInstruction", 2),
    ];

    private readonly ReferenceDataSnapshot _reference;
    private readonly IReadOnlyList<(Category Category, GridCell Cell)> _places;
    private readonly Lock _recentLock = new();
    private readonly Queue<Made> _recent = new();

    /// <param name="reference">The reference data the host loaded.</param>
    /// <param name="places">The (category, cell) pairs to draw from; null = every leaf category anywhere.</param>
    public ReportMaker(ReferenceDataSnapshot reference, IReadOnlyList<(Category Category, GridCell Cell)>? places = null)
    {
        _reference = reference;
        _places = places ?? [.. reference.Categories.SelectMany(c => reference.GridCells.Select(cell => (c, cell)))];
    }

    /// <summary>The pairs whose routing rule names a unit with officers (the loop needs someone to accept).</summary>
    public static IReadOnlyList<(Category Category, GridCell Cell)> RoutedToStaffedUnits(ReferenceDataSnapshot reference) =>
    [
        .. from category in reference.Categories
           from cell in reference.GridCells
           let route = reference.Route(category.Code, cell.Id)
           where route.Outcome == RoutingOutcome.Routed && reference.UsersIn(route.CandidateGroup).Count > 0
           select (category, cell),
    ];

    public int Places => _places.Count;

    /// <summary>A new problem at a new place.</summary>
    public ReportBody Fresh(Random random)
    {
        var (category, cell) = _places[random.Next(_places.Count)];
        var (latitude, longitude) = PointIn(cell, random);
        var road = Roads[random.Next(Roads.Length)];
        var number = random.Next(1, 400);
        var address = string.Create(CultureInfo.InvariantCulture, $"{road}{number}号");
        var text = $"{Openings[random.Next(Openings.Length)]}{address}附近{category.Names.Zh}问题，{Details[random.Next(Details.Length)]}";
        var body = new ReportBody(Channel(random), category.Code, text, latitude, longitude, address, Names[random.Next(Names.Length)], Phone(random));
        lock (_recentLock)
        {
            _recent.Enqueue(new Made(body, category, address));
            if (_recent.Count > 200)
            {
                _recent.Dequeue();
            }
        }

        return body;
    }

    /// <summary>The same problem as one of the last 200 fresh reports: a few metres off, other words, other reporter.</summary>
    public ReportBody NearDuplicate(Random random)
    {
        Made original;
        lock (_recentLock)
        {
            if (_recent.Count == 0)
            {
                return Fresh(random);
            }

            original = _recent.ElementAt(random.Next(_recent.Count));
        }

        var metres = 5 + (random.NextDouble() * 20);
        var bearing = random.NextDouble() * 2 * Math.PI;
        var latitude = original.Body.Latitude + (metres * Math.Cos(bearing) / 111_320);
        var longitude = original.Body.Longitude + (metres * Math.Sin(bearing) / (111_320 * Math.Cos(original.Body.Latitude * Math.PI / 180)));
        if (!_reference.IsInsideCity(latitude, longitude))
        {
            (latitude, longitude) = (original.Body.Latitude, original.Body.Longitude);
        }

        var text = $"{original.Address}的{original.Category.Names.Zh}{Again[random.Next(Again.Length)]}";
        return new ReportBody(Channel(random), original.Category.Code, text, latitude, longitude, null, Names[random.Next(Names.Length)], Phone(random));
    }

    public void ForgetRecent()
    {
        lock (_recentLock)
        {
            _recent.Clear();
        }
    }

    /// <summary>A uniformly random point strictly inside the cell's polygon (rejection sampling in its bounds).</summary>
    public (double Latitude, double Longitude) PointIn(GridCell cell, Random random)
    {
        var bounds = cell.Bounds;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var latitude = bounds.MinLat + (random.NextDouble() * (bounds.MaxLat - bounds.MinLat));
            var longitude = bounds.MinLon + (random.NextDouble() * (bounds.MaxLon - bounds.MinLon));
            if (_reference.LocateGridCell(latitude, longitude)?.Id == cell.Id)
            {
                return (latitude, longitude);
            }
        }

        return (cell.Centroid.Lat, cell.Centroid.Lon);
    }

    private static string Channel(Random random)
    {
        var pick = random.Next(ChannelMix.Sum(c => c.Weight));
        foreach (var (channel, weight) in ChannelMix)
        {
            if ((pick -= weight) < 0)
            {
                return channel;
            }
        }

        return ChannelMix[0].Channel;
    }

    private static string Phone(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"1{random.Next(3, 9)}{random.Next(0, 1_000_000_000):D9}");

    private sealed record Made(ReportBody Body, Category Category, string Address);
}
