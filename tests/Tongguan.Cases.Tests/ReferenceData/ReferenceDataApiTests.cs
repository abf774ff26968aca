using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class ReferenceDataApiTests
{
    private static ReferenceDataSnapshot Data => ShippedReferenceData.Snapshot;

    [Fact]
    public void GetCategories_ReturnsMajorsWithTheirLeaves()
    {
        var majors = ReferenceDataApi.GetCategories(Data).Value!;

        var streetOrder = Assert.Single(majors, m => m.Code == "S05");
        Assert.Equal(CategoryKind.Event, streetOrder.Kind);
        Assert.Contains(streetOrder.Categories, c => c.Code == "S0501");
        Assert.Equal(Data.Categories.Count, majors.Sum(m => m.Categories.Count));
    }

    [Fact]
    public void GetCategory_ReturnsRelatedCodes_OrNotFound()
    {
        var found = Assert.IsType<Ok<CategoryDetails>>(ReferenceDataApi.GetCategory("S0102", Data).Result);
        Assert.Equal("S01", found.Value!.Major.Code);
        Assert.Contains("S0101", found.Value.Related);

        var missing = Assert.IsType<ProblemHttpResult>(ReferenceDataApi.GetCategory("S9999", Data).Result);
        Assert.Equal(StatusCodes.Status404NotFound, missing.StatusCode);
    }

    [Fact]
    public void GetOrgUnits_FiltersByLevel_AndRefusesAnUnknownLevel()
    {
        var districts = Assert.IsType<Ok<List<OrgUnit>>>(ReferenceDataApi.GetOrgUnits(Data, "district").Result);
        Assert.Equal(["D01", "D02", "D03"], districts.Value!.Select(u => u.Id));

        var bad = Assert.IsType<ValidationProblem>(ReferenceDataApi.GetOrgUnits(Data, "village").Result);
        Assert.Contains("level", bad.ProblemDetails.Errors.Keys);
    }

    [Fact]
    public void GetOrgUnit_ReturnsAncestorsChildrenCellsAndGroups()
    {
        var result = Assert.IsType<Ok<OrgUnitDetails>>(ReferenceDataApi.GetOrgUnit("D01-S01-C01", Data).Result);
        var details = result.Value!;

        Assert.Equal(["D01-S01", "D01", "TG"], details.Ancestors.Select(u => u.Id));
        Assert.Equal(4, details.GridCellIds.Count);
        Assert.Equal(["officer@D01-S01-C01", "verifier@D01-S01-C01"], details.CandidateGroups);
    }

    [Fact]
    public void GetOrgUnit_ReturnsNotFoundProblem_ForAnUnknownId()
    {
        var result = Assert.IsType<ProblemHttpResult>(ReferenceDataApi.GetOrgUnit("D09", Data).Result);

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
        Assert.Contains("D09", result.ProblemDetails.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LocateGridCell_ReturnsTheCellAndItsUnits()
    {
        var result = Assert.IsType<Ok<GridCellLocation>>(ReferenceDataApi.LocateGridCell(Data, "31.155", "121.365").Result);

        Assert.Equal("D01-S01-C01-G01", result.Value!.Cell.Id);
        Assert.Equal("D01-S01", result.Value.Street?.Id);
        Assert.Equal("D01", result.Value.District?.Id);
    }

    [Theory]
    [InlineData(null, "121.4", "lat")]
    [InlineData("31.2", null, "lon")]
    [InlineData("north", "121.4", "lat")]
    [InlineData("31.2", "200", "lon")]
    public void LocateGridCell_RefusesMissingOrBadCoordinates(string? lat, string? lon, string field)
    {
        var result = Assert.IsType<ValidationProblem>(ReferenceDataApi.LocateGridCell(Data, lat, lon).Result);

        Assert.Contains(field, result.ProblemDetails.Errors.Keys);
    }

    [Fact]
    public void LocateGridCell_ReturnsNotFound_OutsideTheCity()
    {
        var result = Assert.IsType<ProblemHttpResult>(ReferenceDataApi.LocateGridCell(Data, "39.9", "116.4").Result);

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    [Fact]
    public void ExplainRouting_NamesTheUnitTheRuleAndTheGroup()
    {
        var result = Assert.IsType<Ok<RoutingExplanation>>(ReferenceDataApi.ExplainRouting(Data, "S0501", "31.155", "121.385").Result);
        var explanation = result.Value!;

        Assert.Equal("D01-S01-C02-G01", explanation.GridCellId);
        Assert.Equal("D01-S01", explanation.Unit.Id);
        Assert.Equal("hubin-street-vending", explanation.RuleId);
        Assert.Equal("officer@D01-S01", explanation.CandidateGroup);
    }

    [Theory]
    [InlineData(null, "31.155", "121.385", "category")]
    [InlineData("S05", "31.155", "121.385", "category")]
    [InlineData("S0501", "39.9", "116.4", "lat")]
    [InlineData("S0501", "31.155", null, "lon")]
    public void ExplainRouting_RefusesBadInput(string? category, string? lat, string? lon, string field)
    {
        var result = Assert.IsType<ValidationProblem>(ReferenceDataApi.ExplainRouting(Data, category, lat, lon).Result);

        Assert.Contains(field, result.ProblemDetails.Errors.Keys);
    }
}
