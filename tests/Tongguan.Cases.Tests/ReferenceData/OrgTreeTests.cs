using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class OrgTreeTests
{
    private static ReferenceDataSnapshot Data => ShippedReferenceData.Snapshot;

    [Fact]
    public void Ancestors_RunFromTheParentUpToTheCity()
    {
        Assert.Equal(["D01-S01", "D01", "TG"], Data.Ancestors("D01-S01-C01").Select(u => u.Id));
        Assert.Equal(["D02", "TG"], Data.Ancestors("D02-chengguan").Select(u => u.Id));
        Assert.Empty(Data.Ancestors("TG"));
        Assert.Empty(Data.Ancestors("nowhere"));
    }

    [Theory]
    [InlineData("D01-S01-C01", "D01-S01")]
    [InlineData("D01-S01", "D01")]
    [InlineData("D01", "TG")]
    [InlineData("D03-chengguan", "D03")]
    [InlineData("TG-shuiwu", "TG")]
    public void NextLevelUp_IsWhereEscalationGoes(string unit, string expected)
    {
        Assert.Equal(expected, Data.NextLevelUp(unit)?.Id);
    }

    [Fact]
    public void NextLevelUp_IsNull_AboveTheCity()
    {
        Assert.Null(Data.NextLevelUp("TG"));
    }

    [Fact]
    public void UnitAtLevel_FindsTheUnitOrItsAncestorOfThatLevel()
    {
        Assert.Equal("D02", Data.UnitAtLevel("D02-S02-C01", OrgLevel.District)?.Id);
        Assert.Equal("D02-S02", Data.UnitAtLevel("D02-S02", OrgLevel.Street)?.Id);
        Assert.Equal("TG", Data.UnitAtLevel("D02-S02-C01", OrgLevel.City)?.Id);
        Assert.Null(Data.UnitAtLevel("TG-chengguan", OrgLevel.District));
    }

    [Fact]
    public void Children_ListCommandLevelsAndDepartmentsBelowAUnit()
    {
        var children = Data.Children("D03");

        Assert.Contains(children, u => u.Id == "D03-S02" && u.Level == OrgLevel.Street);
        Assert.Contains(children, u => u.Id == "D03-chengguan" && u.Level == OrgLevel.Department);
        Assert.All(children, u => Assert.Equal("D03", u.ParentId));
    }

    [Fact]
    public void DepartmentOf_FindsTheDepartmentOfATypeUnderADistrictOrTheCity()
    {
        Assert.Equal("D01-shuiwu", Data.DepartmentOf("shuiwu", "D01")?.Id);
        Assert.Null(Data.DepartmentOf("shuiwu", "D03"));
        Assert.Equal("TG-shuiwu", Data.DepartmentOf("shuiwu", "TG")?.Id);
    }

    [Fact]
    public void IsWithin_IsTrueForTheUnitItselfAndEverythingBelow()
    {
        Assert.True(Data.IsWithin("D01-S01-C02", "D01-S01-C02"));
        Assert.True(Data.IsWithin("D01-S01-C02", "D01"));
        Assert.False(Data.IsWithin("D01-S01-C02", "D02"));
        Assert.False(Data.IsWithin("D01", "D01-S01"));
    }
}
