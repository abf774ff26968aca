using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;

namespace Tongguan.Cases.ReferenceData;

public sealed record CategoryMajorResponse(string Code, CategoryKind Kind, LocalizedName Names, IReadOnlyList<Category> Categories);

public sealed record CategoryDetails(Category Category, CategoryMajor Major, IReadOnlyList<string> Related);

/// <summary>A unit with its place in the tree, its grid cells (communities only) and the candidate groups its users form.</summary>
public sealed record OrgUnitDetails(
    OrgUnit Unit,
    IReadOnlyList<OrgUnit> Ancestors,
    IReadOnlyList<OrgUnit> Children,
    IReadOnlyList<string> GridCellIds,
    IReadOnlyList<string> CandidateGroups);

public sealed record GridCellLocation(GridCell Cell, OrgUnit? Community, OrgUnit? Street, OrgUnit? District);

public sealed record RoutingExplanation(
    string Category,
    LocalizedName CategoryNames,
    string? GridCellId,
    RoutingOutcome Outcome,
    OrgUnit Unit,
    string CandidateGroup,
    string? RuleId,
    string? RuleTarget,
    IReadOnlyList<string> PassedOver,
    string Explanation);

/// <summary>
/// Read-only endpoints over the loaded <see cref="ReferenceDataSnapshot"/>. The handlers are synchronous (the data
/// is in memory) and public so that they can be tested without a host.
/// </summary>
public static class ReferenceDataApi
{
    public static RouteGroupBuilder MapReferenceData(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/reference").WithTags("Reference data");
        group.RequireAuthorization(Policies.Staff);
        group.MapGet("/categories", GetCategories).WithName("ListCategories")
            .WithSummary("The category tree: majors with their leaf categories, department types and default step limits.");
        group.MapGet("/categories/{code}", GetCategory).WithName("GetCategory");
        group.MapGet("/org-units", GetOrgUnits).WithName("ListOrgUnits");
        group.MapGet("/org-units/{id}", GetOrgUnit).WithName("GetOrgUnit");
        group.MapGet("/grid-cells", LocateGridCell).WithName("LocateGridCell")
            .WithSummary("The grid cell (and its community, street and district) at ?lat=&lon=.");
        group.MapGet("/routing", ExplainRouting).WithName("ExplainRouting")
            .WithSummary("Which unit a case of ?category= at ?lat=&lon= is routed to, and by which rule.");
        group.MapGet("/grid-map", GridMap.Get).WithName("GetGridMap").AllowAnonymous()
            .WithSummary("Every grid cell as GeoJSON polygons with its community, street and district: the maps' base layer.");
        return group;
    }

    public static Ok<List<CategoryMajorResponse>> GetCategories(ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return TypedResults.Ok(data.Majors.Select(m => new CategoryMajorResponse(m.Code, m.Kind, m.Names, data.CategoriesOf(m.Code))).ToList());
    }

    public static Results<Ok<CategoryDetails>, ProblemHttpResult> GetCategory(string code, ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.FindCategory(code) is { } category
            ? TypedResults.Ok(new CategoryDetails(category, data.FindMajor(category.Major)!, [.. data.Related(code).Select(c => c.Code)]))
            : NotFound("Category not found", $"There is no leaf category '{code}'.");
    }

    public static Results<Ok<List<OrgUnit>>, ValidationProblem> GetOrgUnits(ReferenceDataSnapshot data, string? level = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (level is null)
        {
            return TypedResults.Ok(data.OrgUnits.ToList());
        }

        return TryParseLevel(level, out var parsed)
            ? TypedResults.Ok(data.OrgUnits.Where(u => u.Level == parsed).ToList())
            : Invalid("level", $"'{level}' is not a level; use one of {string.Join(", ", Enum.GetNames<OrgLevel>())}.");
    }

    public static Results<Ok<OrgUnitDetails>, ProblemHttpResult> GetOrgUnit(string id, ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FindOrgUnit(id) is not { } unit)
        {
            return NotFound("Org unit not found", $"There is no org unit '{id}'.");
        }

        var groups = data.Users.Where(u => u.OrgUnitId == id)
            .SelectMany(u => u.Roles)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(role => new CandidateGroup(role, id).ToString())
            .ToList();
        return TypedResults.Ok(new OrgUnitDetails(
            unit, data.Ancestors(id), data.Children(id), [.. data.GridCellsOf(id).Select(c => c.Id)], groups));
    }

    public static Results<Ok<GridCellLocation>, ValidationProblem, ProblemHttpResult> LocateGridCell(
        ReferenceDataSnapshot data, string? lat = null, string? lon = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var errors = new Dictionary<string, string[]>();
        var point = ParsePoint(lat, lon, required: true, errors);
        if (point is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return data.LocateGridCell(point.Value.Lat, point.Value.Lon) is { } cell
            ? TypedResults.Ok(new GridCellLocation(
                cell,
                data.FindOrgUnit(cell.CommunityId),
                data.UnitAtLevel(cell.CommunityId, OrgLevel.Street),
                data.UnitAtLevel(cell.CommunityId, OrgLevel.District)))
            : NotFound("Outside the city", $"No grid cell of {data.City.Names.En} contains lat {point.Value.Lat}, lon {point.Value.Lon}.");
    }

    /// <summary>Routes like intake would; without lat and lon, as for a case whose location is unknown.</summary>
    public static Results<Ok<RoutingExplanation>, ValidationProblem> ExplainRouting(
        ReferenceDataSnapshot data, string? category = null, string? lat = null, string? lon = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var errors = new Dictionary<string, string[]>();
        Category? leaf = null;
        if (string.IsNullOrWhiteSpace(category))
        {
            errors["category"] = ["Name a leaf category code, e.g. S0501."];
        }
        else if ((leaf = data.FindCategory(category)) is null)
        {
            errors["category"] = [data.FindMajor(category) is null
                ? $"Unknown category '{category}'."
                : $"'{category}' is a major category; name one of its leaves, e.g. {data.CategoriesOf(category)[0].Code}."];
        }

        var point = ParsePoint(lat, lon, required: false, errors);
        GridCell? cell = null;
        if (point is { } p && (cell = data.LocateGridCell(p.Lat, p.Lon)) is null)
        {
            errors["lat"] = [$"lat {p.Lat}, lon {p.Lon} is outside {data.City.Names.En}."];
        }

        if (errors.Count > 0 || leaf is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var decision = data.Route(leaf.Code, cell?.Id);
        return TypedResults.Ok(new RoutingExplanation(
            leaf.Code, leaf.Names, cell?.Id, decision.Outcome, decision.Unit, decision.CandidateGroup.ToString(),
            decision.Rule?.Id, decision.Rule?.Target.ToString(), decision.PassedOver, decision.Explanation));
    }

    private static GeoPoint? ParsePoint(string? lat, string? lon, bool required, Dictionary<string, string[]> errors)
    {
        if (lat is null && lon is null && !required)
        {
            return null;
        }

        var latitude = Coordinate(lat, "lat", -90, 90, errors);
        var longitude = Coordinate(lon, "lon", -180, 180, errors);
        return latitude is { } a && longitude is { } o ? new GeoPoint(a, o) : null;
    }

    private static double? Coordinate(string? text, string name, double min, double max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"{name} is required (decimal degrees, WGS-84)."];
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            errors[name] = [$"{name} must be a number of degrees between {min} and {max}, e.g. {(name == "lat" ? "31.2" : "121.4")}; got '{text}'."];
            return null;
        }

        return value;
    }

    private static bool TryParseLevel(string text, out OrgLevel level) =>
        Enum.TryParse(text, ignoreCase: true, out level) && Enum.IsDefined(level) && !text.Any(char.IsDigit);

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);
}
