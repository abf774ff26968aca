using System.Text.Json.Serialization;

namespace Tongguan.Cases.ReferenceData;

/// <summary>A WGS-84 position in degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    [JsonIgnore]
    public bool IsValid => double.IsFinite(Lat) && double.IsFinite(Lon) && Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180;
}

/// <summary>
/// A grid cell (网格), the smallest area, owned by one community. <see cref="Polygon"/> is a simple polygon (not
/// closed: the last vertex joins the first); cells of a city never overlap, though they share edges.
/// </summary>
public sealed record GridCell(string Id, string CommunityId, GeoPoint Centroid, IReadOnlyList<GeoPoint> Polygon)
{
    /// <summary>The cell's bounding box, for the spatial index.</summary>
    [JsonIgnore]
    public BoundingBox Bounds { get; } = BoundingBox.Of(Polygon);
}

public readonly record struct BoundingBox(double MinLat, double MinLon, double MaxLat, double MaxLon)
{
    public static BoundingBox Of(IEnumerable<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double minLat = double.MaxValue, minLon = double.MaxValue, maxLat = double.MinValue, maxLon = double.MinValue;
        foreach (var p in points)
        {
            minLat = Math.Min(minLat, p.Lat);
            minLon = Math.Min(minLon, p.Lon);
            maxLat = Math.Max(maxLat, p.Lat);
            maxLon = Math.Max(maxLon, p.Lon);
        }

        return new BoundingBox(minLat, minLon, maxLat, maxLon);
    }

    public bool Contains(GeoPoint p, double tolerance) =>
        p.Lat >= MinLat - tolerance && p.Lat <= MaxLat + tolerance && p.Lon >= MinLon - tolerance && p.Lon <= MaxLon + tolerance;

    /// <summary>True when the boxes share more than an edge or a corner.</summary>
    public bool OverlapsInterior(BoundingBox other) =>
        MinLat < other.MaxLat && other.MinLat < MaxLat && MinLon < other.MaxLon && other.MinLon < MaxLon;
}

/// <summary>
/// Planar geometry on (lon, lat) as x and y: fine at a city's scale, where cells are a few hundred metres wide.
/// Points within <see cref="Tolerance"/> degrees (about 0.1 mm) of an edge count as on it.
/// </summary>
internal static class PlaneGeometry
{
    public const double Tolerance = 1e-9;

    public enum Position
    {
        Outside,
        OnBoundary,
        Inside,
    }

    public static Position Locate(GeoPoint p, IReadOnlyList<GeoPoint> polygon)
    {
        var inside = false;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var a = polygon[j];
            var b = polygon[i];
            if (IsOnSegment(p, a, b))
            {
                return Position.OnBoundary;
            }

            // Even-odd ray casting towards +lon.
            if ((b.Lat > p.Lat) != (a.Lat > p.Lat) &&
                p.Lon < ((a.Lon - b.Lon) * (p.Lat - b.Lat) / (a.Lat - b.Lat)) + b.Lon)
            {
                inside = !inside;
            }
        }

        return inside ? Position.Inside : Position.Outside;
    }

    public static bool IsOnSegment(GeoPoint p, GeoPoint a, GeoPoint b)
    {
        var length = Math.Sqrt(Square(b.Lon - a.Lon) + Square(b.Lat - a.Lat));
        if (Math.Abs(Cross(a, b, p)) > Tolerance * Math.Max(length, 1e-12))
        {
            return false;
        }

        return p.Lon >= Math.Min(a.Lon, b.Lon) - Tolerance && p.Lon <= Math.Max(a.Lon, b.Lon) + Tolerance &&
               p.Lat >= Math.Min(a.Lat, b.Lat) - Tolerance && p.Lat <= Math.Max(a.Lat, b.Lat) + Tolerance;
    }

    /// <summary>True when the segments cross at one point inside both (touching or collinear overlap is not crossing).</summary>
    public static bool CrossProperly(GeoPoint a, GeoPoint b, GeoPoint c, GeoPoint d)
    {
        var d1 = Sign(Cross(c, d, a));
        var d2 = Sign(Cross(c, d, b));
        var d3 = Sign(Cross(a, b, c));
        var d4 = Sign(Cross(a, b, d));
        return d1 * d2 < 0 && d3 * d4 < 0;
    }

    /// <summary>Twice the signed area (positive counter-clockwise).</summary>
    public static double DoubleArea(IReadOnlyList<GeoPoint> polygon)
    {
        var sum = 0.0;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            sum += (polygon[j].Lon * polygon[i].Lat) - (polygon[i].Lon * polygon[j].Lat);
        }

        return sum;
    }

    /// <summary>Two edges of the polygon that are not neighbours touch or cross: the polygon is not simple.</summary>
    public static (int First, int Second)? FindSelfIntersection(IReadOnlyList<GeoPoint> polygon)
    {
        var n = polygon.Count;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 2; j < n; j++)
            {
                if (i == 0 && j == n - 1)
                {
                    continue;
                }

                GeoPoint a = polygon[i], b = polygon[(i + 1) % n], c = polygon[j], d = polygon[(j + 1) % n];
                if (CrossProperly(a, b, c, d) || IsOnSegment(a, c, d) || IsOnSegment(b, c, d) || IsOnSegment(c, a, b) || IsOnSegment(d, a, b))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the interiors of two simple polygons overlap: an edge of one crosses an edge of the other, or a
    /// vertex, an edge midpoint or the area centroid of one lies strictly inside the other. Shared edges and
    /// corners are not an overlap.
    /// </summary>
    public static bool InteriorsOverlap(IReadOnlyList<GeoPoint> first, IReadOnlyList<GeoPoint> second)
    {
        for (int i = 0, j = first.Count - 1; i < first.Count; j = i++)
        {
            for (int k = 0, l = second.Count - 1; k < second.Count; l = k++)
            {
                if (CrossProperly(first[j], first[i], second[l], second[k]))
                {
                    return true;
                }
            }
        }

        return SamplesInside(first, second) || SamplesInside(second, first);
    }

    private static bool SamplesInside(IReadOnlyList<GeoPoint> from, IReadOnlyList<GeoPoint> into)
    {
        for (int i = 0, j = from.Count - 1; i < from.Count; j = i++)
        {
            var midpoint = new GeoPoint((from[i].Lat + from[j].Lat) / 2, (from[i].Lon + from[j].Lon) / 2);
            if (Locate(from[i], into) == Position.Inside || Locate(midpoint, into) == Position.Inside)
            {
                return true;
            }
        }

        return AreaCentroid(from) is { } centroid && Locate(centroid, from) == Position.Inside && Locate(centroid, into) == Position.Inside;
    }

    private static GeoPoint? AreaCentroid(IReadOnlyList<GeoPoint> polygon)
    {
        var area2 = DoubleArea(polygon);
        if (Math.Abs(area2) < Tolerance * Tolerance)
        {
            return null;
        }

        double lon = 0, lat = 0;
        for (int i = 0, j = polygon.Count - 1; i < polygon.Count; j = i++)
        {
            var f = (polygon[j].Lon * polygon[i].Lat) - (polygon[i].Lon * polygon[j].Lat);
            lon += (polygon[j].Lon + polygon[i].Lon) * f;
            lat += (polygon[j].Lat + polygon[i].Lat) * f;
        }

        return new GeoPoint(lat / (3 * area2), lon / (3 * area2));
    }

    private static double Cross(GeoPoint a, GeoPoint b, GeoPoint p) =>
        ((b.Lon - a.Lon) * (p.Lat - a.Lat)) - ((b.Lat - a.Lat) * (p.Lon - a.Lon));

    private static int Sign(double value) => value > Tolerance * Tolerance ? 1 : value < -(Tolerance * Tolerance) ? -1 : 0;

    private static double Square(double value) => value * value;
}
