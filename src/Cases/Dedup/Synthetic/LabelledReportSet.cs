using System.Globalization;
using System.Text;

namespace Tongguan.Cases.Dedup.Synthetic;

/// <summary>Why an incident exists in the labelled set; the hard-negative kinds are near misses of another incident.</summary>
public enum IncidentKind
{
    /// <summary>An ordinary incident somewhere in the city.</summary>
    Background = 0,

    /// <summary>Same category 40–250 m from another incident, within two days: a different problem nearby.</summary>
    NearbySameCategory = 1,

    /// <summary>Within 30 m of another incident, an unrelated category.</summary>
    SamePlaceOtherCategory = 2,

    /// <summary>Within 50 m of another incident, a sibling category (same major group): a different problem.</summary>
    SamePlaceRelatedCategory = 3,

    /// <summary>Same category and time, 1–8 km away, often near a landmark of the same name (text alike, place not).</summary>
    SimilarTextFarAway = 4,

    /// <summary>The same problem at the same place 10–30 days after another incident: a new case, not a duplicate.</summary>
    RecurrenceWeeksLater = 5,
}

/// <summary>One synthetic report with its ground truth: reports with the same incident id are duplicates of each other.</summary>
public sealed record LabelledReport(string ReportId, string IncidentId, IncidentKind IncidentKind, IncomingReport Report);

/// <summary>
/// A deterministic labelled set for measuring duplicate detection: incidents over 30 days in a fictional city, each
/// reported one to four times from different channels (paraphrased text, channel-typical location error and delay,
/// sometimes under a sibling category, sometimes by the same caller again), plus hard negatives (see
/// <see cref="IncidentKind"/>). Written before the detector was tuned; see docs/dedup.md.
/// </summary>
public static class LabelledReportSet
{
    public const int DefaultSeed = 20_261_125;

    private static readonly DateTimeOffset Origin = new(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Generates the set, ordered by report time. The same seed and count always give the same set.</summary>
    public static IReadOnlyList<LabelledReport> Generate(int seed = DefaultSeed, int incidents = 2_200)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(incidents);
        var random = new Random(seed);
        var city = new SyntheticCity(random);
        var generator = new Generator(random, city);
        return generator.Run(incidents);
    }

    private sealed class Generator(Random random, SyntheticCity city)
    {
        private static readonly string[] HotlineOpenings = ["市民来电反映：", "来电人反映，", "市民来电称，", "", "来电反映"];
        private static readonly string[] HotlineRequests = ["请相关部门尽快处理。", "希望尽快解决。", "要求相关部门处理。", "请尽快处理。", "希望有关部门处理。"];
        private static readonly string[] AppPlaces = ["门口", "旁边", "对面", "附近", "这边"];
        private static readonly string[] AppTails = ["！", "！！", "快来管管吧", "拍照为证", "有人管吗", "。。。", ""];

        private readonly List<LabelledReport> _reports = [];
        private int _incidentCount;
        private int _phoneCount;

        public IReadOnlyList<LabelledReport> Run(int incidents)
        {
            var total = SyntheticCategories.All.Sum(c => c.Weight);
            for (var i = 0; i < incidents; i++)
            {
                var category = PickCategory(total);
                var (x, y) = PickPlace();
                var start = Origin + TimeSpan.FromHours(random.NextDouble() * 30 * 24);
                AddIncident(IncidentKind.Background, category, x, y, start);
                SpawnHardNegatives(category, x, y, start);
            }

            return [.. _reports.OrderBy(r => r.Report.ReportedAt).ThenBy(r => r.ReportId, StringComparer.Ordinal)];
        }

        private void SpawnHardNegatives(SyntheticCategory category, double x, double y, DateTimeOffset start)
        {
            var roll = random.NextDouble();
            if (roll < 0.12)
            {
                var (nx, ny) = Offset(x, y, 40, 250);
                AddIncident(IncidentKind.NearbySameCategory, category, nx, ny, start + Hours(-24, 48));
            }
            else if (roll < 0.20)
            {
                var other = SyntheticCategories.All.Where(c => c.Code[..3] != category.Code[..3]).ToArray();
                var (nx, ny) = Offset(x, y, 0, 30);
                AddIncident(IncidentKind.SamePlaceOtherCategory, other[random.Next(other.Length)], nx, ny, start + Hours(0, 24));
            }
            else if (roll < 0.24 && Siblings(category) is { Length: > 0 } siblings)
            {
                var (nx, ny) = Offset(x, y, 0, 50);
                AddIncident(IncidentKind.SamePlaceRelatedCategory, siblings[random.Next(siblings.Length)], nx, ny, start + Hours(0, 24));
            }
            else if (roll < 0.30)
            {
                var (fx, fy) = FarPlaceAlike(x, y);
                AddIncident(IncidentKind.SimilarTextFarAway, category, fx, fy, start + Hours(-12, 12));
            }
            else if (roll < 0.36)
            {
                var (nx, ny) = Offset(x, y, 0, 20);
                AddIncident(IncidentKind.RecurrenceWeeksLater, category, nx, ny, start + TimeSpan.FromDays(10 + (random.NextDouble() * 20)));
            }
        }

        /// <summary>One incident and its one to four reports.</summary>
        private void AddIncident(IncidentKind kind, SyntheticCategory category, double x, double y, DateTimeOffset start)
        {
            var incidentId = string.Create(CultureInfo.InvariantCulture, $"I{++_incidentCount:D5}");
            var roll = random.NextDouble();
            var count = roll < 0.50 ? 1 : roll < 0.75 ? 2 : roll < 0.90 ? 3 : 4;
            var usedChannels = new List<string>();
            string? firstPhone = null;
            for (var i = 0; i < count; i++)
            {
                var channel = PickChannel(category, usedChannels);
                usedChannels.Add(channel);
                var reportedAt = i == 0 ? start
                    : channel == "LeadershipInstruction" ? start + Hours(12, 60)
                    : start + TimeSpan.FromHours(Math.Min(90, -8 * Math.Log(1 - random.NextDouble())));
                var reportCategory = i > 0 && channel != "IotAlert" && random.NextDouble() < 0.15 && Siblings(category) is { Length: > 0 } siblings
                    ? siblings[random.Next(siblings.Length)]
                    : category;
                string? phone = null;
                if (channel is "Hotline12345" or "CitizenApp" or "Web")
                {
                    phone = firstPhone is not null && random.NextDouble() < 0.08
                        ? firstPhone
                        : string.Create(CultureInfo.InvariantCulture, $"phone-{++_phoneCount:D6}");
                    firstPhone ??= phone;
                }

                var (rx, ry) = Locate(channel, x, y);
                var (latitude, longitude) = SyntheticCity.ToCoordinates(rx, ry);
                var text = Describe(channel, reportCategory, x, y);
                var report = new IncomingReport(reportCategory.Code, reportCategory.Name, latitude, longitude, reportedAt, text, channel, phone);
                _reports.Add(new LabelledReport(string.Create(CultureInfo.InvariantCulture, $"R{_reports.Count + 1:D6}"), incidentId, kind, report));
            }
        }

        private string PickChannel(SyntheticCategory category, List<string> used)
        {
            while (true)
            {
                var roll = random.NextDouble() * 100;
                var channel = roll < 40 ? "Hotline12345"
                    : roll < 70 ? "CitizenApp"
                    : roll < 85 ? "GridInspector"
                    : roll < 93 ? "IotAlert"
                    : roll < 95 ? "LeadershipInstruction"
                    : "Web";
                if (channel == "IotAlert" && (category.SensorAlert is null || used.Contains(channel)))
                {
                    continue;
                }

                // Several citizens may call the hotline about one problem; the other channels report it once.
                if (used.Contains(channel) && (channel != "Hotline12345" || random.NextDouble() < 0.7))
                {
                    continue;
                }

                return channel;
            }
        }

        /// <summary>Where the report is placed: geocoded address (hotline, web, leadership), phone GPS, inspector GPS, sensor.</summary>
        private (double X, double Y) Locate(string channel, double x, double y)
        {
            if (channel == "Hotline12345" && random.NextDouble() < 0.03)
            {
                // A mis-geocoded address: the right street, the wrong block.
                return Offset(x, y, 200, 500);
            }

            var sigma = channel switch
            {
                "Hotline12345" => 35.0,
                "CitizenApp" => 15.0,
                "GridInspector" => 8.0,
                "IotAlert" => 2.0,
                "LeadershipInstruction" => 50.0,
                _ => 30.0,
            };
            return (x + (Gaussian() * sigma), y + (Gaussian() * sigma));
        }

        private string Describe(string channel, SyntheticCategory category, double x, double y)
        {
            var address = SyntheticCity.AddressOf(x, y);
            var landmark = city.NearestLandmark(x, y)?.Name;
            var district = SyntheticCity.DistrictOf(x, y);
            var problem = Pick(category.Problems);
            var text = new StringBuilder();
            switch (channel)
            {
                case "Hotline12345":
                    text.Append(Pick(HotlineOpenings));
                    text.Append((random.Next(3), landmark) switch
                    {
                        (0, _) or (_, null) => district + address,
                        (1, _) => $"{address}{landmark}附近",
                        _ => $"{landmark}门口",
                    });
                    text.Append(problem);
                    if (random.NextDouble() < 0.7)
                    {
                        text.Append('，').Append(Pick(category.Details));
                    }

                    text.Append('，').Append(Pick(HotlineRequests));
                    break;
                case "CitizenApp":
                    text.Append(landmark is not null && random.NextDouble() < 0.6 ? landmark + Pick(AppPlaces)
                        : random.NextDouble() < 0.5 ? "这里" : address);
                    text.Append(problem);
                    text.Append(random.NextDouble() < 0.4 ? "，" + Pick(category.Details) : Pick(AppTails));
                    return Noisy(text.ToString());
                case "GridInspector":
                    text.Append("巡查发现").Append(address);
                    if (landmark is not null && random.NextDouble() < 0.5)
                    {
                        text.Append('（').Append(landmark).Append("旁）");
                    }

                    text.Append(Pick(category.FormalProblems)).Append("，已拍照上报。");
                    break;
                case "IotAlert":
                    text.Append('【').Append(category.SensorAlert).Append("】设备编号")
                        .Append(random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture))
                        .Append("，安装位置：").Append(address);
                    break;
                case "LeadershipInstruction":
                    text.Append('请').Append(district).Append("核查").Append(random.NextDouble() < 0.5 || landmark is null ? address : landmark)
                        .Append(Pick(category.FormalProblems)).Append("问题，尽快办理并反馈结果。");
                    break;
                default:
                    text.Append("我家附近").Append(address);
                    if (landmark is not null)
                    {
                        text.Append('（').Append(landmark).Append('）');
                    }

                    text.Append(problem).Append('，').Append(Pick(category.Details)).Append('，').Append(Pick(HotlineRequests));
                    break;
            }

            return text.ToString();
        }

        /// <summary>Phone typing: full-width digits from some input methods, a dropped character now and then.</summary>
        private string Noisy(string text)
        {
            if (random.NextDouble() < 0.3)
            {
                text = string.Concat(text.Select(c => c is >= '0' and <= '9' ? (char)(c - '0' + '０') : c));
            }

            if (random.NextDouble() < 0.1 && text.Length > 4)
            {
                text = text.Remove(random.Next(text.Length), 1);
            }

            return text;
        }

        private (double X, double Y) PickPlace()
        {
            // Problems gather where people are: most near a landmark, the rest anywhere.
            if (random.NextDouble() < 0.7)
            {
                var landmark = city.Landmarks[random.Next(city.Landmarks.Count)];
                return Clamp(Offset(landmark.X, landmark.Y, 0, 150));
            }

            return (200 + (random.NextDouble() * (SyntheticCity.SizeMetres - 400)), 200 + (random.NextDouble() * (SyntheticCity.SizeMetres - 400)));
        }

        /// <summary>A place 1–8 km away, preferably by a landmark with the same name as the one near (x, y).</summary>
        private (double X, double Y) FarPlaceAlike(double x, double y)
        {
            var name = city.NearestLandmark(x, y)?.Name;
            var namesakes = city.Landmarks
                .Where(l => l.Name == name && Math.Sqrt(((l.X - x) * (l.X - x)) + ((l.Y - y) * (l.Y - y))) > 1_000)
                .ToArray();
            if (namesakes.Length > 0)
            {
                var namesake = namesakes[random.Next(namesakes.Length)];
                return Clamp(Offset(namesake.X, namesake.Y, 0, 60));
            }

            return Clamp(Offset(x, y, 1_000, 8_000));
        }

        private SyntheticCategory PickCategory(double total)
        {
            var roll = random.NextDouble() * total;
            foreach (var category in SyntheticCategories.All)
            {
                roll -= category.Weight;
                if (roll < 0)
                {
                    return category;
                }
            }

            return SyntheticCategories.All[^1];
        }

        private static SyntheticCategory[] Siblings(SyntheticCategory category) =>
            [.. SyntheticCategories.All.Where(c => c.Code != category.Code && c.Code[..3] == category.Code[..3])];

        private (double X, double Y) Offset(double x, double y, double minimum, double maximum)
        {
            var distance = minimum + (random.NextDouble() * (maximum - minimum));
            var angle = random.NextDouble() * 2 * Math.PI;
            return (x + (distance * Math.Cos(angle)), y + (distance * Math.Sin(angle)));
        }

        private static (double X, double Y) Clamp((double X, double Y) point) =>
            (Math.Clamp(point.X, 0, SyntheticCity.SizeMetres), Math.Clamp(point.Y, 0, SyntheticCity.SizeMetres));

        private TimeSpan Hours(double from, double to) => TimeSpan.FromHours(from + (random.NextDouble() * (to - from)));

        private string Pick(string[] values) => values[random.Next(values.Length)];

        private double Gaussian()
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}
