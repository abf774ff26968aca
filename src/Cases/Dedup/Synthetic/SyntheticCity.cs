namespace Tongguan.Cases.Dedup.Synthetic;

/// <summary>A named place: a street address or a landmark, at a position in metres from the city's south-west corner.</summary>
internal sealed record Landmark(string Name, double X, double Y);

/// <summary>
/// A fictional 16 km × 16 km city around 30.2° N 120.1° E: a street grid (north–south 路 every 500 m, east–west 街
/// every 500 m, house numbers along each street), four districts and about 1,200 landmarks whose names repeat (chain
/// supermarkets, a 人民医院 in several places), as in a real city.
/// </summary>
internal sealed class SyntheticCity
{
    public const double SizeMetres = 16_000;
    public const double StreetSpacing = 500;
    private const double SouthLatitude = 30.20;
    private const double WestLongitude = 120.10;

    private static readonly string[] StreetStems =
    [
        "解放", "中山", "人民", "建设", "和平", "延安", "文化", "体育", "凤起", "庆春", "环城", "秋涛", "天目山", "莫干山",
        "文三", "文一", "学院", "教工", "古翠", "丰潭", "湖墅", "上塘", "东新", "石桥", "新华", "建国", "江南", "滨江",
        "钱江", "之江", "西湖", "北山", "南山", "曙光", "保俶", "求是", "黄龙", "武林", "朝晖", "潮王", "德胜", "香积寺",
        "大关", "登云", "余杭塘", "紫金港", "三墩", "留下", "转塘", "九堡", "彭埠", "笕桥", "丁桥", "半山", "康桥", "祥符",
        "勾庄", "良渚", "闲林", "五常", "仓前", "临平", "乔司", "下沙", "白杨",
    ];

    private static readonly string[] LandmarkStems =
    [
        "金色", "阳光", "翠苑", "锦绣", "华景", "枫林", "新华", "和睦", "米市", "潮鸣", "采荷", "四季", "兰亭", "东方", "星河",
        "湖畔", "景芳", "三塘", "大塘", "紫荆", "桂花", "香樟", "银杏", "梅园", "竹林", "明月", "青山", "绿园", "朝阳", "春晖",
        "同心", "幸福", "长乐", "安居", "康乐", "永兴", "嘉园", "丽景", "碧水", "云栖",
    ];

    private static readonly string[] LandmarkKinds =
    [
        "小区", "花园", "菜市场", "小学", "中学", "幼儿园", "公园", "广场", "医院", "超市", "公交站", "地铁站", "大厦", "新村", "农贸市场",
    ];

    private static readonly string[] Districts = ["西城区", "东城区", "南湖区", "北山区"];

    private readonly Landmark[] _landmarks;
    private readonly List<Landmark>[,] _landmarkGrid;
    private const double GridCell = 500;
    private static readonly int GridCells = (int)(SizeMetres / GridCell);

    public SyntheticCity(Random random)
    {
        _landmarkGrid = new List<Landmark>[GridCells, GridCells];
        for (var i = 0; i < GridCells; i++)
        {
            for (var j = 0; j < GridCells; j++)
            {
                _landmarkGrid[i, j] = [];
            }
        }

        var names = LandmarkStems.SelectMany(stem => LandmarkKinds.Select(kind => stem + kind)).ToArray();
        _landmarks = new Landmark[1_200];
        for (var i = 0; i < _landmarks.Length; i++)
        {
            var landmark = new Landmark(names[random.Next(names.Length)], random.NextDouble() * SizeMetres, random.NextDouble() * SizeMetres);
            _landmarks[i] = landmark;
            _landmarkGrid[Cell(landmark.X), Cell(landmark.Y)].Add(landmark);
        }
    }

    public IReadOnlyList<Landmark> Landmarks => _landmarks;

    public static (double Latitude, double Longitude) ToCoordinates(double x, double y)
    {
        var latitude = SouthLatitude + (y / GeoDistance.MetresPerDegree);
        var longitude = WestLongitude + (x / (GeoDistance.MetresPerDegree * Math.Cos(latitude * Math.PI / 180)));
        return (latitude, longitude);
    }

    public static string DistrictOf(double x, double y) => Districts[(x < SizeMetres / 2 ? 0 : 1) + (y < SizeMetres / 2 ? 2 : 0)];

    /// <summary>The street address nearest to a point: the closer of its north–south 路 and east–west 街, with a house number.</summary>
    public static string AddressOf(double x, double y)
    {
        var column = (int)Math.Round(x / StreetSpacing);
        var row = (int)Math.Round(y / StreetSpacing);
        var toVertical = Math.Abs(x - (column * StreetSpacing));
        var toHorizontal = Math.Abs(y - (row * StreetSpacing));
        return toVertical <= toHorizontal
            ? $"{StreetStems[column % StreetStems.Length]}路{HouseNumber(y, x > column * StreetSpacing)}号"
            : $"{StreetStems[(row + 33) % StreetStems.Length]}街{HouseNumber(x, y > row * StreetSpacing)}号";
    }

    /// <summary>The nearest landmark within 400 m, if any.</summary>
    public Landmark? NearestLandmark(double x, double y)
    {
        Landmark? best = null;
        var bestDistance = 400.0;
        int cx = Cell(x), cy = Cell(y);
        for (var i = Math.Max(0, cx - 1); i <= Math.Min(GridCells - 1, cx + 1); i++)
        {
            for (var j = Math.Max(0, cy - 1); j <= Math.Min(GridCells - 1, cy + 1); j++)
            {
                foreach (var landmark in _landmarkGrid[i, j])
                {
                    var distance = Math.Sqrt(((landmark.X - x) * (landmark.X - x)) + ((landmark.Y - y) * (landmark.Y - y)));
                    if (distance < bestDistance)
                    {
                        best = landmark;
                        bestDistance = distance;
                    }
                }
            }
        }

        return best;
    }

    // Odd numbers on one side of the street, even on the other, about one number per 8 m.
    private static int HouseNumber(double along, bool oddSide)
    {
        var number = (int)(along % 4_000 / 16) * 2 + 1;
        return oddSide ? number : number + 1;
    }

    private static int Cell(double metres) => Math.Clamp((int)(metres / GridCell), 0, GridCells - 1);
}
