using System.Text.Json.Nodes;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.ReferenceData;

public sealed class ReferenceDataValidationTests : IDisposable
{
    private const string Org = "org.json";
    private const string Categories = "categories.json";
    private const string Routing = "routing-rules.json";

    private readonly TempReferenceFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_Succeeds_ForAnUnchangedCopy()
    {
        var snapshot = ReferenceDataLoader.LoadFolder(_folder.Path);

        Assert.Equal(ShippedReferenceData.Snapshot.Categories.Count, snapshot.Categories.Count);
    }

    [Fact]
    public void Load_ReportsUnknownParent_WithFileAndPath()
    {
        var index = -1;
        _folder.Edit(Org, root => Unit(root, "D01-S02", out index)["parent"] = "D09");

        var problem = AssertSingleProblem(Org, $"$.units[{index}].parent");
        Assert.Contains("unknown parent 'D09'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsParentOfTheWrongLevel()
    {
        var index = -1;
        _folder.Edit(Org, root => Unit(root, "D01-S01-C01", out index)["parent"] = "D01");

        var problem = AssertSingleProblem(Org, $"$.units[{index}].parent");
        Assert.Contains("must sit under a Street", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsDuplicateUnitId()
    {
        var count = 0;
        _folder.Edit(Org, root =>
        {
            var units = root["units"]!.AsArray();
            units.Add(new JsonObject { ["id"] = "D01", ["level"] = "District", ["parent"] = "TG", ["name"] = Name() });
            count = units.Count;
        });

        var problem = AssertSingleProblem(Org, $"$.units[{count - 1}].id");
        Assert.Contains("duplicate id 'D01'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsGridCellIdThatAUnitAlreadyHas()
    {
        _folder.Edit(Org, root => root["gridCells"]![0]!["id"] = "D01-S01-C01");

        var problem = AssertSingleProblem(Org, "$.gridCells[0].id");
        Assert.Contains("duplicate id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsSecondCity()
    {
        var count = 0;
        _folder.Edit(Org, root =>
        {
            var units = root["units"]!.AsArray();
            units.Add(new JsonObject { ["id"] = "XC", ["level"] = "City", ["name"] = Name() });
            count = units.Count;
        });

        var problem = AssertSingleProblem(Org, $"$.units[{count - 1}].level");
        Assert.Contains("second City", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsUnknownLevelAndDepartmentType()
    {
        int street = -1, department = -1;
        _folder.Edit(Org, root =>
        {
            Unit(root, "D01-S01", out street)["level"] = "Village";
            Unit(root, "D01-chengguan", out department)["departmentType"] = "police";
        });

        var problems = LoadProblems();
        Assert.Contains(problems, p => p.Path == $"$.units[{street}].level" && p.Message.Contains("'Village' is not a level", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == $"$.units[{department}].departmentType" && p.Message.Contains("unknown department type 'police'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsSecondDepartmentOfATypeInOneDistrict()
    {
        var count = 0;
        _folder.Edit(Org, root =>
        {
            var units = root["units"]!.AsArray();
            units.Add(new JsonObject { ["id"] = "D01-chengguan-2", ["level"] = "Department", ["parent"] = "D01", ["departmentType"] = "chengguan", ["name"] = Name() });
            count = units.Count;
        });

        var problem = AssertSingleProblem(Org, $"$.units[{count - 1}].departmentType");
        Assert.Contains("'D01' already has a chengguan department ('D01-chengguan')", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsUnknownRoleAndUnknownUserUnit()
    {
        _folder.Edit(Org, root =>
        {
            root["users"]![0]!["roles"] = new JsonArray("admin", "superuser");
            root["users"]![1]!["orgUnit"] = "NOWHERE";
        });

        var problems = LoadProblems();
        Assert.Contains(problems, p => p.File == Org && p.Path == "$.users[0].roles[1]" && p.Message.Contains("unknown role 'superuser'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == Org && p.Path == "$.users[1].orgUnit" && p.Message.Contains("NOWHERE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("B1")]
    [InlineData("B01011")]
    [InlineData("S0101")]
    [InlineData("b0101")]
    public void Load_ReportsBadLeafCode(string code)
    {
        _folder.Edit(Categories, root => root["majors"]![0]!["categories"]![1]!["code"] = code);

        var problem = AssertSingleProblem(Categories, "$.majors[0].categories[1].code");
        Assert.Contains("not a leaf code of major B01", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsBadMajorCode()
    {
        _folder.Edit(Categories, root => root["majors"]![2]!["code"] = "X03");

        var problem = AssertSingleProblem(Categories, "$.majors[2].code");
        Assert.Contains("not a major code", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsDuplicateCategoryCode()
    {
        _folder.Edit(Categories, root => root["majors"]![0]!["categories"]![1]!["code"] = "B0101");

        var problem = AssertSingleProblem(Categories, "$.majors[0].categories[1].code");
        Assert.Contains("duplicate category code 'B0101'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P1M", "years and months")]
    [InlineData("P1Y", "years and months")]
    [InlineData("3 days", "not an ISO-8601 duration")]
    [InlineData("PT0H", "zero")]
    [InlineData("P1W", "weeks")]
    public void Load_ReportsBadDuration_AtTheLeafsOwnLimit(string duration, string complaint)
    {
        _folder.Edit(Categories, root => root["majors"]![0]!["categories"]![0]!["limits"]!["handle"]!["duration"] = duration);

        var problem = AssertSingleProblem(Categories, "$.majors[0].categories[0].limits.handle");
        Assert.Contains(complaint, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsBadInheritedDuration_OnceAtTheMajor()
    {
        _folder.Edit(Categories, root => root["majors"]![1]!["limits"]!["handle"]!["duration"] = "P2W");

        var problem = AssertSingleProblem(Categories, "$.majors[1].limits.handle");
        Assert.Contains("weeks", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AcceptsWeeksInNaturalTime_AsTheEngineDoes()
    {
        _folder.Edit(Categories, root => root["majors"]![1]!["limits"]!["handle"] = new JsonObject { ["duration"] = "P2W", ["calendar"] = "natural" });

        var snapshot = ReferenceDataLoader.LoadFolder(_folder.Path);

        Assert.Equal(new StepLimit("P2W", Workflows.Model.CalendarKind.Natural), snapshot.FindCategory("B0204")!.StepLimits.Handle);
    }

    [Fact]
    public void Load_ReportsUnknownCalendar()
    {
        _folder.Edit(Categories, root => root["majors"]![0]!["categories"]![0]!["limits"]!["accept"]!["calendar"] = "working");

        var problem = AssertSingleProblem(Categories, "$.majors[0].categories[0].limits.accept");
        Assert.Contains("calendar 'working'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsLeafWithoutDepartmentType_WhenItsMajorHasNone()
    {
        _folder.Edit(Categories, root => root["majors"]![0]!.AsObject().Remove("departmentType"));

        var problems = LoadProblems();
        // B0104 has its own department type; the other six leaves of B01 relied on the major's.
        Assert.Equal(6, problems.Count);
        Assert.All(problems, p => Assert.EndsWith(".departmentType", p.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsCellsThatOverlap_NamingBoth()
    {
        _folder.Edit(Org, root =>
        {
            // G02 is [121.37, 121.38] wide; stretching it west half-way into G01 makes them share area.
            var polygon = root["gridCells"]![1]!["polygon"]!.AsArray();
            polygon[0]![0] = 121.365;
            polygon[3]![0] = 121.365;
        });

        var problem = AssertSingleProblem(Org, "$.gridCells[1].polygon");
        Assert.Contains("'D01-S01-C01-G02' overlaps grid cell 'D01-S01-C01-G01' ($.gridCells[0])", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsIdenticalCells_AsOverlapping()
    {
        _folder.Edit(Org, root =>
        {
            var cells = root["gridCells"]!.AsArray();
            cells[5]!["polygon"] = cells[4]!["polygon"]!.DeepClone();
            cells[5]!["centroid"] = cells[4]!["centroid"]!.DeepClone();
        });

        var problem = AssertSingleProblem(Org, "$.gridCells[5].polygon");
        Assert.Contains("overlaps", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsSwappedCoordinates_WithAHint()
    {
        _folder.Edit(Org, root => root["gridCells"]![0]!["centroid"] = new JsonArray(31.1575, 121.365));

        var problem = AssertSingleProblem(Org, "$.gridCells[0].centroid");
        Assert.Contains("swap the two numbers", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsCentroidOutsideItsPolygon()
    {
        _folder.Edit(Org, root => root["gridCells"]![0]!["centroid"] = new JsonArray(121.5, 31.2));

        var problem = AssertSingleProblem(Org, "$.gridCells[0].centroid");
        Assert.Contains("not inside the cell's polygon", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsSelfCrossingPolygon()
    {
        // A bow tie: the vertices of G01 with two of them swapped.
        _folder.Edit(Org, root => root["gridCells"]![0]!["polygon"] = new JsonArray(
            new JsonArray(121.36, 31.15), new JsonArray(121.37, 31.165), new JsonArray(121.37, 31.15), new JsonArray(121.36, 31.165)));

        var problems = LoadProblems();
        Assert.Contains(problems, p => p.Path == "$.gridCells[0].polygon" && p.Message.Contains("crosses itself", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsCellOfAStreet_NotACommunity()
    {
        _folder.Edit(Org, root => root["gridCells"]![0]!["community"] = "D01-S01");

        var problem = AssertSingleProblem(Org, "$.gridCells[0].community");
        Assert.Contains("grid cells belong to a Community", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsRuleTargetingUnknownUnit()
    {
        _folder.Edit(Routing, root => root["rules"]![0]!["target"] = "D01-S09");

        var problem = AssertSingleProblem(Routing, "$.rules[0].target");
        Assert.Contains("unknown org unit 'D01-S09'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsRuleWithUnknownCategoryOrDepartmentArea()
    {
        _folder.Edit(Routing, root =>
        {
            root["rules"]![0]!["category"] = "S9901";
            root["rules"]![1]!["area"] = "D01-chengguan";
        });

        var problems = LoadProblems();
        Assert.Contains(problems, p => p.Path == "$.rules[0].category" && p.Message.Contains("unknown category 'S9901'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.rules[1].area" && p.Message.Contains("is a department, not an area", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsUnknownDispatcherUnit()
    {
        _folder.Edit(Routing, root => root["dispatcherUnit"] = "TG-nobody");

        var problem = AssertSingleProblem(Routing, "$.dispatcherUnit");
        Assert.Contains("TG-nobody", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsRuleThatNeverApplies_BehindABroaderFixedRule()
    {
        _folder.Edit(Routing, root => root["rules"]!.AsArray().Insert(0, new JsonObject
        {
            ["id"] = "all-street-order-to-d01-s02",
            ["category"] = "S05",
            ["area"] = "D01",
            ["target"] = "D01-S02",
        }));

        // The old first rule (S0501 in street D01-S01) is now rule 1, covered by rule 0.
        var problem = AssertSingleProblem(Routing, "$.rules[1]");
        Assert.Contains("'hubin-street-vending' never applies", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsMissingFile()
    {
        File.Delete(Path.Combine(_folder.Path, Routing));

        var problem = AssertSingleProblem(Routing, "$");
        Assert.Contains("missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsMalformedJson_WithPathAndLine()
    {
        _folder.Write(Routing, "{\n  \"dispatcherUnit\": \"TG-command\",\n  \"rules\": [ { \"id\": \"x\", } , ]\n  oops\n}");

        var problem = AssertSingleProblem(Routing, "$", exactPath: false);
        Assert.StartsWith("line 4: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsMisspeltProperty_InsteadOfIgnoringIt()
    {
        _folder.Edit(Org, root => root["units"]![1]!["parnet"] = "TG");

        var problem = AssertSingleProblem(Org, "$.units[1].parnet");
        Assert.Contains("'parnet'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsEveryProblem_AndNamesThemInTheMessage()
    {
        _folder.Edit(Routing, root => root["rules"]![0]!["target"] = "D01-S09");
        _folder.Edit(Categories, root => root["majors"]![0]!["categories"]![0]!["limits"]!["handle"]!["duration"] = "P1M");

        var exception = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadFolder(_folder.Path));

        Assert.Equal(2, exception.Problems.Count);
        Assert.Contains("routing-rules.json $.rules[0].target: unknown org unit 'D01-S09'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("categories.json $.majors[0].categories[0].limits.handle:", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_folder.Path, exception.Message, StringComparison.Ordinal);
    }

    private static JsonObject Name() => new() { ["zh"] = "测试", ["en"] = "Test" };

    private static JsonObject Unit(JsonObject root, string id, out int index)
    {
        var units = root["units"]!.AsArray();
        for (index = 0; index < units.Count; index++)
        {
            if ((string?)units[index]!["id"] == id)
            {
                return units[index]!.AsObject();
            }
        }

        throw new InvalidOperationException($"No unit {id} in the shipped org.json.");
    }

    private IReadOnlyList<ReferenceDataProblem> LoadProblems() =>
        Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.LoadFolder(_folder.Path)).Problems;

    private ReferenceDataProblem AssertSingleProblem(string file, string path, bool exactPath = true)
    {
        var problem = Assert.Single(LoadProblems());
        Assert.Equal(file, problem.File);
        if (exactPath)
        {
            Assert.Equal(path, problem.Path);
        }
        else
        {
            Assert.StartsWith(path, problem.Path, StringComparison.Ordinal);
        }

        return problem;
    }
}
