using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Model;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class ShippedReferenceDataTests
{
    private static ReferenceDataSnapshot Data => ShippedReferenceData.Snapshot;

    [Fact]
    public void ShippedFiles_LoadWithoutProblems()
    {
        var data = ReferenceDataLoader.LoadFolder(ShippedReferenceData.Folder);

        Assert.True(data.Categories.Count >= 40, $"{data.Categories.Count} categories");
        Assert.Equal(3, data.OrgUnits.Count(u => u.Level == OrgLevel.District));
        Assert.InRange(data.OrgUnits.Count(u => u.Level == OrgLevel.Street), 6, 9);
        Assert.Equal("TG", data.City.Id);
    }

    [Theory]
    [InlineData("B0101", "上水井盖", "shuiwu")]
    [InlineData("S0501", "占道经营", "chengguan")]
    [InlineData("S0102", "垃圾满溢", "chengguan")]
    [InlineData("S0601", "噪声扰民", "huanbao")]
    [InlineData("S0502", "机动车乱停放", "gongan")]
    [InlineData("S0701", "社保求助", "renshe")]
    [InlineData("B0201", "路灯", "chengguan")]
    [InlineData("S0301", "违法建设", "chengguan")]
    [InlineData("S0404", "树木倒伏", "yuanlin")]
    [InlineData("S0106", "下水道堵塞", "shuiwu")]
    [InlineData("B0204", "路面", "jiaotong")]
    public void ShippedCategories_IncludeTheCommonProblems(string code, string zh, string departmentType)
    {
        var category = Data.FindCategory(code);

        Assert.NotNull(category);
        Assert.Equal(zh, category.Names.Zh);
        Assert.Equal(departmentType, category.DepartmentType);
        Assert.Equal(code[..3], category.Major);
        Assert.Equal(code[0] == 'B' ? CategoryKind.Component : CategoryKind.Event, category.Kind);
    }

    [Fact]
    public void ShippedLimits_AreTimeLimitsTheEngineAndTheDeadlineCalculatorAccept()
    {
        foreach (var category in Data.Categories)
        {
            foreach (var step in Enum.GetValues<CaseStep>())
            {
                var limit = category.StepLimits.For(step);
                Assert.True(Iso8601.TryParseDuration(limit.Duration, out _), $"{category.Code} {step}: {limit.Duration}");
                var duration = LimitDuration.Parse(limit.Duration);
                Assert.False(limit.Calendar == CalendarKind.Business && duration.Weeks > 0, $"{category.Code} {step}: weeks in business time");
            }
        }
    }

    [Fact]
    public void Leaves_InheritTheirMajorsLimits_UnlessTheySetTheirOwn()
    {
        // B0101 sets accept and handle itself and inherits verify from B01.
        var cover = Data.FindCategory("B0101")!.StepLimits;

        Assert.Equal(new StepLimit("PT2H", CalendarKind.Business), cover.Accept);
        Assert.Equal(new StepLimit("P1D", CalendarKind.Business), cover.Handle);
        Assert.Equal(Data.FindCategory("B0105")!.StepLimits.Verify, cover.Verify);
        Assert.Equal(new TimeLimit("P1D", CalendarKind.Business, null), cover.Handle.ToTimeLimit());
    }

    [Fact]
    public void EveryCategoryDepartmentType_HasACityDepartment_SoTheDefaultRuleAlwaysFindsOne()
    {
        foreach (var type in Data.Categories.Select(c => c.DepartmentType).Distinct())
        {
            Assert.NotNull(Data.DepartmentOf(type, Data.City.Id));
        }
    }

    [Fact]
    public void EveryCommunity_HasGridCells_AndTheCellsTileTheCityExtent()
    {
        var communities = Data.OrgUnits.Where(u => u.Level == OrgLevel.Community).ToList();
        Assert.All(communities, c => Assert.NotEmpty(Data.GridCellsOf(c.Id)));

        // Non-overlapping (checked by the loader) and summing to the bounding box: no holes in the city.
        var extent = Data.CityExtent;
        var cellArea = Data.GridCells.Sum(c => (c.Bounds.MaxLat - c.Bounds.MinLat) * (c.Bounds.MaxLon - c.Bounds.MinLon));
        Assert.Equal((extent.MaxLat - extent.MinLat) * (extent.MaxLon - extent.MinLon), cellArea, 9);
        Assert.InRange(extent.MinLat, 31.0, 31.3);
        Assert.InRange(extent.MinLon, 121.3, 121.6);
    }

    [Fact]
    public void EveryRole_HasUsers()
    {
        foreach (var role in Roles.All)
        {
            Assert.Contains(Data.Users, u => u.Roles.Contains(role));
        }
    }

    [Fact]
    public void Related_ReturnsTheOtherLeavesOfTheSameMajor()
    {
        var related = Data.Related("S0501").Select(c => c.Code).ToList();

        Assert.Equal(["S0502", "S0503", "S0504"], related);
        Assert.Empty(Data.Related("S9999"));
    }
}
