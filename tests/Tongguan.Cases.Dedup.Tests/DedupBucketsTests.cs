namespace Tongguan.Cases.Dedup.Tests;

public sealed class DedupBucketsTests
{
    [Fact]
    public void KeyOf_IsTheSame_WithinOneCell_AndDiffers_AcrossItsEdge()
    {
        // 30.2500 is a cell edge (30.25 + 90 = 120.25 = 48,100 cells of 0.0025°).
        var inside = DedupBuckets.KeyOf(30.2501, 120.1501);
        var alsoInside = DedupBuckets.KeyOf(30.2524, 120.1524);
        var southOfEdge = DedupBuckets.KeyOf(30.2499, 120.1501);
        var westOfEdge = DedupBuckets.KeyOf(30.2501, 120.1499);

        Assert.Equal(inside, alsoInside);
        Assert.NotEqual(inside, southOfEdge);
        Assert.NotEqual(inside, westOfEdge);
    }

    [Fact]
    public void KeysAround_IsTheThreeByThreeBlock_ForTheDefaultRadiusInAChineseCity()
    {
        var keys = DedupBuckets.KeysAround(30.2512, 120.1512, 200);

        Assert.Equal(9, keys.Count);
        Assert.Equal(9, keys.Distinct().Count());
        Assert.Contains(DedupBuckets.KeyOf(30.2512, 120.1512), keys);
    }

    [Fact]
    public void KeysAround_CoversEveryPointWithinTheRadius_IncludingAcrossBucketEdges()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 2_000; trial++)
        {
            // Centres near cell edges and corners, at latitudes of Chinese cities (18° N to 53° N).
            var latitude = 18 + (random.Next(0, 14_000) * DedupBuckets.CellDegrees) + ((random.NextDouble() - 0.5) * 0.0002);
            var longitude = 100 + (random.Next(0, 10_000) * DedupBuckets.CellDegrees) + ((random.NextDouble() - 0.5) * 0.0002);
            var radius = 50 + (random.NextDouble() * 450);
            var keys = DedupBuckets.KeysAround(latitude, longitude, radius).ToHashSet();

            for (var point = 0; point < 16; point++)
            {
                var (pointLatitude, pointLongitude) = PointAt(latitude, longitude, radius * Math.Sqrt(random.NextDouble()), random.NextDouble() * 2 * Math.PI);
                if (GeoDistance.HaversineMetres(latitude, longitude, pointLatitude, pointLongitude) <= radius)
                {
                    Assert.Contains(DedupBuckets.KeyOf(pointLatitude, pointLongitude), keys);
                }
            }

            // The worst case: exactly on the circle, north, south, east and west.
            foreach (var bearing in new[] { 0, Math.PI / 2, Math.PI, 3 * Math.PI / 2 })
            {
                var (edgeLatitude, edgeLongitude) = PointAt(latitude, longitude, radius * 0.99999, bearing);
                Assert.Contains(DedupBuckets.KeyOf(edgeLatitude, edgeLongitude), keys);
            }
        }
    }

    [Fact]
    public void KeysAround_GrowsWithTheRadius()
    {
        Assert.True(DedupBuckets.KeysAround(30.25, 120.15, 1_000).Count > 9);
    }

    [Theory]
    [InlineData(91, 120)]
    [InlineData(30, 181)]
    [InlineData(double.NaN, 120)]
    public void KeyOf_Throws_ForCoordinatesOutsideTheGlobe(double latitude, double longitude)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DedupBuckets.KeyOf(latitude, longitude));
    }

    /// <summary>The point at a distance and bearing on the sphere (the direct geodesic problem).</summary>
    private static (double Latitude, double Longitude) PointAt(double latitude, double longitude, double metres, double bearing)
    {
        var angular = metres / GeoDistance.EarthRadiusMetres;
        var phi1 = latitude * Math.PI / 180;
        var lambda1 = longitude * Math.PI / 180;
        var phi2 = Math.Asin((Math.Sin(phi1) * Math.Cos(angular)) + (Math.Cos(phi1) * Math.Sin(angular) * Math.Cos(bearing)));
        var lambda2 = lambda1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(phi1), Math.Cos(angular) - (Math.Sin(phi1) * Math.Sin(phi2)));
        return (phi2 * 180 / Math.PI, lambda2 * 180 / Math.PI);
    }
}
