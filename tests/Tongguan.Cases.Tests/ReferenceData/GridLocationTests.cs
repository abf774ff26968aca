using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

/// <summary>
/// Shipped layout: 东湖区 D01 spans lon 121.36–121.42, lat 31.15–31.24; its street D01-S01 is lat 31.15–31.18 and its
/// community D01-S01-C01 lon 121.36–121.38, cut into 2 × 2 cells (G01 south-west, G02 south-east, G03 north-west,
/// G04 north-east). 西岭区 D02 continues east to 121.48, 南港区 D03 to 121.54.
/// </summary>
public sealed class GridLocationTests
{
    private static ReferenceDataSnapshot Data => ShippedReferenceData.Snapshot;

    [Theory]
    [InlineData(31.155, 121.365, "D01-S01-C01-G01")]
    [InlineData(31.155, 121.375, "D01-S01-C01-G02")]
    [InlineData(31.170, 121.365, "D01-S01-C01-G03")]
    [InlineData(31.170, 121.375, "D01-S01-C01-G04")]
    [InlineData(31.200, 121.445, "D02-S02-C01-G02")]
    [InlineData(31.230, 121.530, "D03-S03-C02-G04")]
    public void LocateGridCell_FindsTheCell_ForPointsInside(double lat, double lon, string expected)
    {
        Assert.Equal(expected, Data.LocateGridCell(lat, lon)?.Id);
        Assert.True(Data.IsInsideCity(lat, lon));
    }

    [Theory]
    [InlineData(31.155, 121.37, "D01-S01-C01-G01")] // edge G01 | G02
    [InlineData(31.165, 121.365, "D01-S01-C01-G01")] // edge G01 | G03
    [InlineData(31.165, 121.37, "D01-S01-C01-G01")] // corner of G01 … G04
    [InlineData(31.155, 121.42, "D01-S01-C03-G02")] // district border D01 | D02
    [InlineData(31.18, 121.365, "D01-S01-C01-G03")] // street border D01-S01 | D01-S02
    public void LocateGridCell_GivesSharedEdgesToTheLowestCellId(double lat, double lon, string expected)
    {
        Assert.Equal(expected, Data.LocateGridCell(lat, lon)?.Id);
    }

    [Theory]
    [InlineData(31.15, 121.445, "D02-S01-C02-G01")] // southern city border
    [InlineData(31.24, 121.365, "D01-S03-C01-G03")] // northern city border
    [InlineData(31.155, 121.36, "D01-S01-C01-G01")] // western city border
    [InlineData(31.15, 121.36, "D01-S01-C01-G01")] // south-west corner of the city
    public void LocateGridCell_CountsTheCityBorderAsInside(double lat, double lon, string expected)
    {
        Assert.Equal(expected, Data.LocateGridCell(lat, lon)?.Id);
    }

    [Theory]
    [InlineData(31.1499, 121.40)]
    [InlineData(31.2401, 121.40)]
    [InlineData(31.20, 121.3599)]
    [InlineData(31.20, 121.5401)]
    [InlineData(39.90, 116.40)]
    [InlineData(double.NaN, 121.40)]
    [InlineData(100, 121.40)]
    public void LocateGridCell_ReturnsNull_OutsideTheCity(double lat, double lon)
    {
        Assert.Null(Data.LocateGridCell(lat, lon));
        Assert.False(Data.IsInsideCity(lat, lon));
    }

    [Fact]
    public void LocateGridCell_AgreesWithAScanOfEveryCell_OnASweepAcrossTheCity()
    {
        var extent = Data.CityExtent;
        for (var lat = extent.MinLat - 0.003; lat <= extent.MaxLat + 0.003; lat += 0.0037)
        {
            for (var lon = extent.MinLon - 0.003; lon <= extent.MaxLon + 0.003; lon += 0.0041)
            {
                var expected = Data.GridCells
                    .Where(c => c.Bounds.Contains(new GeoPoint(lat, lon), 0))
                    .Select(c => c.Id)
                    .Order(StringComparer.Ordinal)
                    .FirstOrDefault();
                Assert.Equal(expected, Data.LocateGridCell(lat, lon)?.Id);
            }
        }
    }

    [Fact]
    public void GridIndex_TestsOnlyAFewCellsPerPoint_InALargeCity()
    {
        // 200 × 200 cells of 0.001°: a point's bucket must not hold more than its neighbourhood.
        var cells = new List<GridCell>();
        for (var row = 0; row < 200; row++)
        {
            for (var column = 0; column < 200; column++)
            {
                double lat = 31 + (row * 0.001), lon = 121 + (column * 0.001);
                cells.Add(new GridCell(
                    $"R{row:000}C{column:000}", "C", new GeoPoint(lat + 0.0005, lon + 0.0005),
                    [new(lat, lon), new(lat, lon + 0.001), new(lat + 0.001, lon + 0.001), new(lat + 0.001, lon)]));
            }
        }

        var index = new GridIndex(cells);
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            double lat = 31 + (random.NextDouble() * 0.2), lon = 121 + (random.NextDouble() * 0.2);
            var point = new GeoPoint(lat, lon);

            Assert.InRange(index.CandidatesNear(new BoundingBox(lat, lon, lat, lon)).Count(), 1, 9);
            Assert.Equal($"R{(int)((lat - 31) / 0.001):000}C{(int)((lon - 121) / 0.001):000}", index.Locate(point)?.Id);
        }
    }

    [Fact]
    public void GridIndex_LocatesInNonRectangularCells()
    {
        // Two triangles splitting the unit square along its diagonal.
        var lower = new GridCell("A", "C", new GeoPoint(0.25, 0.75), [new(0, 0), new(0, 1), new(1, 1)]);
        var upper = new GridCell("B", "C", new GeoPoint(0.75, 0.25), [new(0, 0), new(1, 1), new(1, 0)]);
        var index = new GridIndex([upper, lower]);

        Assert.Equal("A", index.Locate(new GeoPoint(0.1, 0.9))?.Id);
        Assert.Equal("B", index.Locate(new GeoPoint(0.9, 0.1))?.Id);
        Assert.Equal("A", index.Locate(new GeoPoint(0.5, 0.5))?.Id); // on the shared diagonal
        Assert.Null(index.Locate(new GeoPoint(1.5, 0.5)));
    }
}
