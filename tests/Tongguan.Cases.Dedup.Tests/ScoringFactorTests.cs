namespace Tongguan.Cases.Dedup.Tests;

public sealed class ScoringFactorTests
{
    [Fact]
    public void Haversine_IsAboutOneHundredElevenKilometres_ForOneDegreeOfLatitude()
    {
        var metres = GeoDistance.HaversineMetres(30, 120, 31, 120);

        Assert.Equal(111_195, metres, 0);
    }

    [Fact]
    public void Haversine_MatchesKnownCityDistance_BeijingToShanghai()
    {
        // Tiananmen (39.9087, 116.3975) to the Bund (31.2400, 121.4900): about 1,067 km on the sphere.
        var metres = GeoDistance.HaversineMetres(39.9087, 116.3975, 31.2400, 121.4900);

        Assert.InRange(metres, 1_060_000, 1_075_000);
    }

    [Fact]
    public void Haversine_IsZero_ForTheSamePoint()
    {
        Assert.Equal(0, GeoDistance.HaversineMetres(30.25, 120.15, 30.25, 120.15));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(100, 0.75)]
    [InlineData(150, 0.4375)]
    [InlineData(200, 0.0)]
    [InlineData(350, 0.0)]
    public void DistanceFactor_DecaysQuadraticallyToZeroAtTheRadius(double metres, double expected)
    {
        Assert.Equal(expected, DuplicateDetector.DistanceFactor(metres, 200), 9);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(18, 0.75)]
    [InlineData(36, 0.5)]
    [InlineData(-36, 0.5)]
    [InlineData(72, 0.0)]
    [InlineData(100, 0.0)]
    public void TimeFactor_DecaysLinearlyToZeroAtTheEndOfTheWindow(double hours, double expected)
    {
        Assert.Equal(expected, DuplicateDetector.TimeFactor(TimeSpan.FromHours(hours), TimeSpan.FromHours(72)), 9);
    }

    [Theory]
    [InlineData("S0201", "S0201", CategoryRelation.SameLeaf)]
    [InlineData("s0201", "S0201", CategoryRelation.SameLeaf)]
    [InlineData("S0201", "S0202", CategoryRelation.SameMajor)]
    [InlineData("S0201", "S0301", CategoryRelation.Unrelated)]
    [InlineData("S0201", "B0201", CategoryRelation.Unrelated)]
    [InlineData("S0", "S0", CategoryRelation.Unrelated)]
    public void Relate_DistinguishesLeafMajorAndUnrelated(string first, string second, CategoryRelation expected)
    {
        Assert.Equal(expected, CategoryCodes.Relate(first, second));
    }
}
