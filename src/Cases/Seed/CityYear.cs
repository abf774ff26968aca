using Bogus;
using Tongguan.Cases.Model;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Seed;

/// <summary>
/// One problem reported to the city: when, what, where and by which channel, in the reporter's words. The ordinal is
/// its position in the year (0-based, in time order) and seeds the problem's own random stream.
/// </summary>
public sealed record SyntheticReport(
    int Ordinal,
    DateTimeOffset At,
    Channel Channel,
    string CategoryCode,
    double Latitude,
    double Longitude,
    string Address,
    string Text,
    string ReporterName,
    string ReporterPhone);

/// <summary>
/// The reports of a synthetic city year. Volume follows the seasons (a summer peak of rain, waterlogging and noise,
/// a smaller winter one of burst and frozen water pipes), the week (weekends at 70 %) and the day (office hours
/// busiest, nights quiet); the category mix is <see cref="CategoryWeights"/> times the season's factors; places are
/// random points inside the reference data's grid cells; texts are Bogus zh_CN streets and names plus a phrase of the
/// category. Deterministic for a seed: the arrival instants come from one stream, each report's details from its own.
/// </summary>
public sealed class CityYear
{
    /// <summary>
    /// Relative weight of each leaf category in an average month (leaves not listed weigh 1): street order, rubbish,
    /// parking and noise dominate a 12345 hotline's year, emergencies are rare.
    /// </summary>
    public static IReadOnlyDictionary<string, double> CategoryWeights { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["S0101"] = 8, ["S0102"] = 6, ["S0103"] = 5, ["S0104"] = 4, ["S0105"] = 2, ["S0106"] = 4,
        ["S0201"] = 4, ["S0202"] = 2, ["S0203"] = 2,
        ["S0301"] = 4, ["S0302"] = 5, ["S0303"] = 3, ["S0304"] = 2,
        ["S0401"] = 0.5, ["S0402"] = 1, ["S0403"] = 0.3, ["S0404"] = 0.8,
        ["S0501"] = 7, ["S0502"] = 8, ["S0503"] = 4, ["S0504"] = 4,
        ["S0601"] = 7, ["S0602"] = 3, ["S0603"] = 1.5, ["S0604"] = 1.5,
        ["S0701"] = 2, ["S0702"] = 2, ["S0703"] = 1,
        ["B0101"] = 2, ["B0102"] = 2, ["B0103"] = 2, ["B0104"] = 1, ["B0105"] = 1, ["B0106"] = 2, ["B0107"] = 3,
        ["B0201"] = 4, ["B0202"] = 2, ["B0203"] = 1.5, ["B0204"] = 3, ["B0205"] = 2, ["B0206"] = 1,
        ["B0301"] = 2, ["B0302"] = 2, ["B0303"] = 1,
        ["B0401"] = 2, ["B0402"] = 1.5, ["B0403"] = 1,
    };

    /// <summary>Categories of the summer peak (rain, waterlogging, noise with open windows, night-time building work).</summary>
    public static IReadOnlySet<string> SummerCategories { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "S0104", "S0106", "B0107", "B0103", "S0601", "S0302", "S0404", "S0602",
    };

    /// <summary>Categories of the winter peak (frozen and burst water pipes, heating-season smoke).</summary>
    public static IReadOnlySet<string> WinterCategories { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "B0106", "S0402", "B0105", "S0604",
    };

    private static readonly (Channel Channel, double Weight)[] ChannelMix =
    [
        (Channel.Hotline12345, 48), (Channel.CitizenApp, 20), (Channel.GridInspector, 18), (Channel.Web, 8),
        (Channel.IotAlert, 4), (Channel.LeadershipInstruction, 2),
    ];

    // Tongguan local hours 0..23: quiet nights, a morning and an afternoon peak, a small evening one (noise).
    private static readonly double[] HourProfile =
    [
        0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.5, 3.6, 3.0, 2.0, 2.4, 3.0, 3.1, 2.8, 2.2, 1.6, 1.4, 1.5, 1.3, 0.9, 0.5,
    ];

    private static readonly string[] Details =
    [
        "请尽快处理。", "已经持续好几天了。", "影响居民正常生活。", "多次反映未解决，希望相关部门重视。", "存在安全隐患。",
        "周边群众意见很大。", "影响行人通行。", "希望有关部门派人查看。",
    ];

    private static readonly Dictionary<string, string[]> Phrases = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["S0101"] = ["路边堆放大量生活垃圾无人清运", "绿化带里有人倾倒建筑垃圾"],
        ["S0102"] = ["垃圾桶已经满溢，垃圾散落一地", "小区门口垃圾箱满了没人清理，气味很大"],
        ["S0104"] = ["下雨后路面积水严重，车辆无法通行", "积水没过脚踝，行人只能绕行"],
        ["S0106"] = ["下水道堵塞，污水漫到路面上", "雨水口堵住了，一下雨就积水"],
        ["S0302"] = ["工地夜间施工噪音很大，影响休息", "晚上十点以后还在打桩"],
        ["S0501"] = ["有流动摊贩占道经营", "早市摊位占满了人行道"],
        ["S0502"] = ["机动车长期乱停放堵住消防通道", "车辆违停在人行道上"],
        ["S0601"] = ["广场舞音响声音太大，严重扰民", "楼下商铺音响噪声扰民"],
        ["B0106"] = ["供水管道漏水，路面一直在冒水", "水管冻裂，水流到马路上结冰"],
        ["S0402"] = ["自来水管爆裂，路面大量积水", "水管爆了，周边几栋楼停水"],
        ["B0201"] = ["路灯不亮，晚上很黑", "一排路灯白天还亮着"],
        ["B0101"] = ["上水井盖破损，很危险", "井盖缺失，有人差点掉下去"],
    };

    private static readonly string[] LandmarkKinds = ["小区门口", "菜市场旁", "公交站附近", "学校门口", "公园东侧", "超市对面", "十字路口"];

    private readonly ReferenceDataSnapshot _data;
    private readonly int _seed;
    private readonly int _year;
    private readonly TimeZoneInfo _timeZone;
    private readonly List<Category> _categories;
    private readonly GridCell[] _cells;

    public CityYear(ReferenceDataSnapshot data, int year, int seed, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        _year = year;
        _seed = seed;
        _timeZone = timeZone;
        _categories = [.. data.Categories.OrderBy(c => c.Code, StringComparer.Ordinal)];
        _cells = [.. data.GridCells.OrderBy(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>The first instant of the year in the city's time zone.</summary>
    public DateTimeOffset Start => Local(new DateTime(_year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));

    /// <summary>The first instant after the year.</summary>
    public DateTimeOffset End => Local(new DateTime(_year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified));

    /// <summary>How busy a day is, relative to an average spring weekday: the seasons and the weekend.</summary>
    public static double DayWeight(DateOnly date)
    {
        var day = date.DayOfYear;
        var summer = Math.Exp(-Math.Pow((day - 200) / 35.0, 2));
        var winter = Math.Exp(-Math.Pow(Math.Min(day, 365 - day + 1) / 30.0, 2));
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.7 : 1.0;
        return (1 + (0.6 * summer) + (0.3 * winter)) * weekend;
    }

    /// <summary>The arrival instants of <paramref name="count"/> problems over the year, in time order.</summary>
    public IReadOnlyList<DateTimeOffset> ArrivalTimes(int count)
    {
        var random = new Random(_seed);
        var days = Enumerable.Range(0, DateTime.IsLeapYear(_year) ? 366 : 365).Select(d => new DateOnly(_year, 1, 1).AddDays(d)).ToArray();
        var dayCumulative = Cumulative(days.Select(DayWeight));
        var hourCumulative = Cumulative(HourProfile);
        var times = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            var date = days[Pick(dayCumulative, random.NextDouble())];
            var hour = Pick(hourCumulative, random.NextDouble());
            var local = date.ToDateTime(new TimeOnly(hour, 0)).AddSeconds(random.Next(3600));
            times[i] = Local(local);
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>The details of problem <paramref name="ordinal"/>, arriving at <paramref name="at"/>.</summary>
    public SyntheticReport Report(int ordinal, DateTimeOffset at)
    {
        var random = new Random(StableSeeds.Mix(_seed, ordinal, 17));
        var faker = new Faker("zh_CN") { Random = new Randomizer(StableSeeds.Mix(_seed, ordinal, 31)) };
        var category = PickCategory(random, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _timeZone).DateTime));
        var channel = PickChannel(random, category);
        var cell = _cells[random.Next(_cells.Length)];
        var (lat, lon) = PointIn(cell, random);
        var street = faker.Address.StreetName();
        var address = $"{street}{random.Next(1, 400)}号{LandmarkKinds[random.Next(LandmarkKinds.Length)]}";
        var phrase = Phrases.TryGetValue(category.Code, out var own)
            ? own[random.Next(own.Length)]
            : $"{category.Names.Zh}问题";
        var text = $"{address}{phrase}，{Details[random.Next(Details.Length)]}";
        var name = faker.Name.LastName() + (random.Next(2) == 0 ? "先生" : "女士");
        var phone = "1" + "3456789"[random.Next(7)] + faker.Random.ReplaceNumbers("#########");
        return new SyntheticReport(ordinal, at, channel, category.Code, lat, lon, address, text, name, phone);
    }

    /// <summary>
    /// The same problem reported again a few hours later through another channel, a few metres away, in nearly the
    /// same words (a neighbour calling the hotline about what the grid inspector already reported).
    /// </summary>
    public SyntheticReport Duplicate(SyntheticReport original, Random random)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(random);
        var channel = original.Channel;
        while (channel == original.Channel)
        {
            channel = random.Next(3) switch { 0 => Channel.Hotline12345, 1 => Channel.CitizenApp, _ => Channel.GridInspector };
        }

        var at = original.At + TimeSpan.FromMinutes(random.Next(60, 8 * 60));
        var metres = 15.0;
        var lat = original.Latitude + ((random.NextDouble() - 0.5) * metres / 111_000);
        var lon = original.Longitude + ((random.NextDouble() - 0.5) * metres / 95_000);
        if (!_data.IsInsideCity(lat, lon))
        {
            (lat, lon) = (original.Latitude, original.Longitude);
        }

        var text = random.Next(2) == 0 ? original.Text : "又有人反映：" + original.Text;
        return original with { At = at, Channel = channel, Latitude = lat, Longitude = lon, Text = text, ReporterPhone = "1" + random.NextInt64(3_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    private Category PickCategory(Random random, DateOnly date)
    {
        var day = date.DayOfYear;
        var summer = Math.Exp(-Math.Pow((day - 200) / 35.0, 2));
        var winter = Math.Exp(-Math.Pow(Math.Min(day, 365 - day + 1) / 30.0, 2));
        double Weight(Category c) =>
            CategoryWeights.GetValueOrDefault(c.Code, 1)
            * (SummerCategories.Contains(c.Code) ? 1 + (2.5 * summer) : 1)
            * (WinterCategories.Contains(c.Code) ? 1 + (3 * winter) : 1);
        var cumulative = Cumulative(_categories.Select(Weight));
        return _categories[Pick(cumulative, random.NextDouble())];
    }

    private static Channel PickChannel(Random random, Category category)
    {
        // Sensors watch water levels, manhole covers and noise only.
        var sensed = category.Code is "S0104" or "S0106" or "S0601" or "S0603" || category.Code.StartsWith("B01", StringComparison.Ordinal);
        var mix = ChannelMix.Where(c => sensed || c.Channel != Channel.IotAlert).ToArray();
        return mix[Pick(Cumulative(mix.Select(c => c.Weight)), random.NextDouble())].Channel;
    }

    private (double Lat, double Lon) PointIn(GridCell cell, Random random)
    {
        var box = cell.Bounds;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var lat = box.MinLat + (random.NextDouble() * (box.MaxLat - box.MinLat));
            var lon = box.MinLon + (random.NextDouble() * (box.MaxLon - box.MinLon));
            if (_data.LocateGridCell(lat, lon)?.Id == cell.Id)
            {
                return (lat, lon);
            }
        }

        return (cell.Centroid.Lat, cell.Centroid.Lon);
    }

    private DateTimeOffset Local(DateTime local) => new(local, _timeZone.GetUtcOffset(local));

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            sum += list[i];
            list[i] = sum;
        }

        return list;
    }

    private static int Pick(double[] cumulative, double uniform)
    {
        var target = uniform * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index;
        return Math.Min(index, cumulative.Length - 1);
    }
}
