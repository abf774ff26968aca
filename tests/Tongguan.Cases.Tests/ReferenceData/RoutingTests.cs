using System.Text.Json.Nodes;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class RoutingTests
{
    private static ReferenceDataSnapshot Data => ShippedReferenceData.Snapshot;

    [Theory]
    [InlineData("S0501", "D01-S01-C02-G01", "D01-S01", "hubin-street-vending")] // street rule before the default
    [InlineData("S0501", "D01-S02-C01-G01", "D01-chengguan", "district-department")] // other streets: default
    [InlineData("S0102", "D01-S01-C01-G04", "D01-S01-C01", "chunhui-market-bins")] // grid-cell rule
    [InlineData("S0102", "D01-S01-C01-G03", "D01-chengguan", "district-department")]
    [InlineData("S0502", "D02-S01-C01-G01", "D02-gongan", "xiling-parking")] // district rule
    [InlineData("S0502", "D01-S01-C01-G01", "D01-gongan", "district-department")]
    [InlineData("B0101", "D03-S02-C01-G01", "TG-shuiwu", "xinqiao-water-covers")] // fixed city department
    [InlineData("S0701", "D02-S02-C01-G01", "D02-S02", "social-affairs-to-street")] // major rule, computed target
    public void Route_TakesTheFirstMatchingRule(string category, string cell, string unit, string rule)
    {
        var decision = Data.Route(category, cell);

        Assert.Equal(RoutingOutcome.Routed, decision.Outcome);
        Assert.Equal(unit, decision.Unit.Id);
        Assert.Equal(rule, decision.Rule?.Id);
        Assert.Equal($"officer@{unit}", decision.CandidateGroup.ToString());
        Assert.Contains(rule, decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_PassesOverADistrictWithoutTheDepartment_AndFallsBackToTheCity()
    {
        // 南港区 D03 has no water department.
        var decision = Data.Route("B0106", "D03-S01-C01-G01");

        Assert.Equal("TG-shuiwu", decision.Unit.Id);
        Assert.Equal("city-department", decision.Rule?.Id);
        var passed = Assert.Single(decision.PassedOver);
        Assert.StartsWith("district-department: district D03 has no shuiwu department", passed, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_SendsToTheDispatcher_WhenARuleSaysSo()
    {
        var decision = Data.Route("S0303", "D01-S01-C01-G01");

        Assert.Equal(RoutingOutcome.NeedsDispatcher, decision.Outcome);
        Assert.Equal("dust-disputed", decision.Rule?.Id);
        Assert.Equal("TG-command", decision.Unit.Id);
        Assert.Equal(new CandidateGroup(Roles.Dispatcher, "TG-command"), decision.CandidateGroup);
    }

    [Fact]
    public void Route_WithoutALocation_SkipsAreaRulesAndLocationTargets()
    {
        var decision = Data.Route("S0501", null);

        Assert.Equal("TG-chengguan", decision.Unit.Id);
        Assert.Equal("city-department", decision.Rule?.Id);
        Assert.Contains(decision.PassedOver, p => p.StartsWith("district-department", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_SendsToTheDispatcher_WhenNoRuleMatches()
    {
        using var folder = new TempReferenceFolder().Edit("routing-rules.json", root =>
        {
            var rules = root["rules"]!.AsArray();
            while (rules.Count > 1)
            {
                rules.RemoveAt(rules.Count - 1);
            }
        });
        var data = ReferenceDataLoader.LoadFolder(folder.Path);

        var decision = data.Route("S0601", "D01-S01-C01-G01");

        Assert.Equal(RoutingOutcome.NeedsDispatcher, decision.Outcome);
        Assert.Null(decision.Rule);
        Assert.Equal("dispatcher@TG-command", decision.CandidateGroup.ToString());
        Assert.Contains("No routing rule matches S0601", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_UsesFileOrder_EvenWhenALaterRuleIsMoreSpecific()
    {
        using var folder = new TempReferenceFolder().Edit("routing-rules.json", root =>
        {
            var rules = root["rules"]!.AsArray();
            rules.Insert(0, new JsonObject { ["id"] = "everything-to-district", ["category"] = "*", ["area"] = "*", ["target"] = "department:district" });
        });
        var data = ReferenceDataLoader.LoadFolder(folder.Path);

        var decision = data.Route("S0501", "D01-S01-C02-G01");

        Assert.Equal("everything-to-district", decision.Rule?.Id);
        Assert.Equal("D01-chengguan", decision.Unit.Id);
    }

    [Fact]
    public void Route_Throws_ForAnUnknownOrMajorCategoryOrUnknownCell()
    {
        Assert.Throws<ArgumentException>(() => Data.Route("S9999", null));
        var major = Assert.Throws<ArgumentException>(() => Data.Route("S05", null));
        Assert.Contains("major category", major.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Data.Route("S0501", "G-none"));
    }

    [Fact]
    public void EveryLeafCategory_IsRoutedFromEveryGridCell_ExceptWhereARuleAsksForTheDispatcher()
    {
        foreach (var category in Data.Categories)
        {
            foreach (var cell in Data.GridCells)
            {
                var decision = Data.Route(category.Code, cell.Id);
                Assert.True(
                    decision.Outcome == RoutingOutcome.Routed || decision.Rule?.Target.Kind == RoutingTargetKind.Dispatcher,
                    $"{category.Code} in {cell.Id}: {decision.Explanation}");
            }
        }
    }

    [Theory]
    [InlineData("D01-chengguan", RoutingTargetKind.Unit)]
    [InlineData("department:district", RoutingTargetKind.DistrictDepartment)]
    [InlineData("department:city", RoutingTargetKind.CityDepartment)]
    [InlineData("location:community", RoutingTargetKind.Community)]
    [InlineData("location:street", RoutingTargetKind.Street)]
    [InlineData("location:district", RoutingTargetKind.District)]
    [InlineData("dispatcher", RoutingTargetKind.Dispatcher)]
    public void RoutingTarget_ParsesAndWritesBackTheSameText(string text, RoutingTargetKind kind)
    {
        var target = RoutingTarget.Parse(text);

        Assert.Equal(kind, target.Kind);
        Assert.Equal(text, target.ToString());
    }
}
