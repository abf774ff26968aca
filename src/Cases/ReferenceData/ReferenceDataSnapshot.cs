using System.Collections.Frozen;

namespace Tongguan.Cases.ReferenceData;

/// <summary>
/// The city's reference data as loaded and validated by <see cref="ReferenceDataLoader"/>: categories, the org
/// tree, grid cells, users and routing rules, with the lookups case handling needs. Immutable and safe for
/// concurrent use; registered as a singleton. Ids and codes are compared ordinally (case-sensitive).
/// </summary>
public sealed class ReferenceDataSnapshot
{
    private readonly FrozenDictionary<string, CategoryMajor> _majors;
    private readonly FrozenDictionary<string, Category> _categories;
    private readonly FrozenDictionary<string, IReadOnlyList<Category>> _categoriesByMajor;
    private readonly FrozenDictionary<string, OrgUnit> _units;
    private readonly FrozenDictionary<string, IReadOnlyList<OrgUnit>> _children;
    private readonly FrozenDictionary<string, GridCell> _cells;
    private readonly FrozenDictionary<string, IReadOnlyList<GridCell>> _cellsByCommunity;
    private readonly FrozenDictionary<string, User> _users;
    private readonly FrozenDictionary<CandidateGroup, IReadOnlyList<User>> _groups;
    private readonly FrozenDictionary<(string Parent, string Type), OrgUnit> _departments;
    private readonly GridIndex _grid;

    internal ReferenceDataSnapshot(
        string source,
        IReadOnlyList<CategoryMajor> majors,
        IReadOnlyList<Category> categories,
        IReadOnlyList<DepartmentType> departmentTypes,
        IReadOnlyList<OrgUnit> units,
        IReadOnlyList<GridCell> cells,
        IReadOnlyList<User> users,
        IReadOnlyList<RoutingRule> rules,
        string dispatcherUnitId)
    {
        Source = source;
        Majors = majors;
        Categories = categories;
        DepartmentTypes = departmentTypes;
        OrgUnits = units;
        GridCells = cells;
        Users = users;
        RoutingRules = rules;
        _majors = majors.ToFrozenDictionary(m => m.Code, StringComparer.Ordinal);
        _categories = categories.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        _categoriesByMajor = categories.GroupBy(c => c.Major, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<Category>)[.. g], StringComparer.Ordinal);
        _units = units.ToFrozenDictionary(u => u.Id, StringComparer.Ordinal);
        _children = units.Where(u => u.ParentId is not null).GroupBy(u => u.ParentId!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<OrgUnit>)[.. g], StringComparer.Ordinal);
        _cells = cells.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        _cellsByCommunity = cells.GroupBy(c => c.CommunityId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<GridCell>)[.. g], StringComparer.Ordinal);
        _users = users.ToFrozenDictionary(u => u.Id, StringComparer.Ordinal);
        _groups = users.SelectMany(u => u.Roles.Select(r => (Group: new CandidateGroup(r, u.OrgUnitId), User: u)))
            .GroupBy(x => x.Group)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<User>)[.. g.Select(x => x.User)]);
        _departments = units.Where(u => u is { Level: OrgLevel.Department, DepartmentType: not null })
            .DistinctBy(u => (u.ParentId!, u.DepartmentType!))
            .ToFrozenDictionary(u => (u.ParentId!, u.DepartmentType!), u => u);
        City = units.Single(u => u.Level == OrgLevel.City);
        DispatcherUnit = _units[dispatcherUnitId];
        _grid = new GridIndex(cells);
    }

    /// <summary>The folder the data was read from.</summary>
    public string Source { get; }

    public IReadOnlyList<CategoryMajor> Majors { get; }

    /// <summary>The leaf categories, in file order.</summary>
    public IReadOnlyList<Category> Categories { get; }

    public IReadOnlyList<DepartmentType> DepartmentTypes { get; }

    /// <summary>Every org unit, in file order.</summary>
    public IReadOnlyList<OrgUnit> OrgUnits { get; }

    public IReadOnlyList<GridCell> GridCells { get; }

    public IReadOnlyList<User> Users { get; }

    /// <summary>The routing rules in evaluation order (first match wins).</summary>
    public IReadOnlyList<RoutingRule> RoutingRules { get; }

    /// <summary>The one unit of level <see cref="OrgLevel.City"/>, the root of the org tree.</summary>
    public OrgUnit City { get; }

    /// <summary>Where cases no rule routes wait for a dispatcher (routing-rules.json <c>dispatcherUnit</c>).</summary>
    public OrgUnit DispatcherUnit { get; }

    /// <summary>The bounding box of all grid cells.</summary>
    public BoundingBox CityExtent => _grid.Extent;

    // ---- categories ----

    /// <summary>The leaf category with this code (e.g. <c>S0501</c>), or null.</summary>
    public Category? FindCategory(string code) => _categories.GetValueOrDefault(code);

    /// <summary>The major category with this code (e.g. <c>S05</c>), or null.</summary>
    public CategoryMajor? FindMajor(string code) => _majors.GetValueOrDefault(code);

    /// <summary>The leaf categories of a major, in file order (empty for an unknown major).</summary>
    public IReadOnlyList<Category> CategoriesOf(string majorCode) => _categoriesByMajor.GetValueOrDefault(majorCode) ?? [];

    /// <summary>
    /// The other leaves of the same major (e.g. for <c>S0501</c> 占道经营 the rest of S05 街面秩序): duplicate
    /// detection treats them as possibly the same problem. Empty for an unknown code.
    /// </summary>
    public IReadOnlyList<Category> Related(string code) =>
        FindCategory(code) is { } category ? [.. CategoriesOf(category.Major).Where(c => c.Code != code)] : [];

    // ---- org tree ----

    public OrgUnit? FindOrgUnit(string id) => _units.GetValueOrDefault(id);

    /// <summary>The units directly under <paramref name="id"/> (lower command levels and departments), in file order.</summary>
    public IReadOnlyList<OrgUnit> Children(string id) => _children.GetValueOrDefault(id) ?? [];

    /// <summary>The parent chain of a unit, nearest first, ending with the City; empty for the City or an unknown id.</summary>
    public IReadOnlyList<OrgUnit> Ancestors(string id)
    {
        var result = new List<OrgUnit>();
        for (var unit = FindOrgUnit(id); unit?.ParentId is { } parentId; unit = _units[parentId])
        {
            result.Add(_units[parentId]);
        }

        return result;
    }

    /// <summary>
    /// The unit one command level up, where escalation goes: community → street → district → city; a department →
    /// the district or city it belongs to. Null for the City or an unknown id.
    /// </summary>
    public OrgUnit? NextLevelUp(string id) => FindOrgUnit(id)?.ParentId is { } parentId ? _units[parentId] : null;

    /// <summary>
    /// The unit itself or its ancestor of the given command level (e.g. the district of a community); null when
    /// there is none (a city department has no district) or the id is unknown.
    /// </summary>
    public OrgUnit? UnitAtLevel(string id, OrgLevel level)
    {
        for (var unit = FindOrgUnit(id); unit is not null; unit = unit.ParentId is { } p ? _units[p] : null)
        {
            if (unit.Level == level)
            {
                return unit;
            }
        }

        return null;
    }

    /// <summary>The department of a type directly under a district or the City (e.g. <c>D01</c> + chengguan → D01-chengguan), or null.</summary>
    public OrgUnit? DepartmentOf(string departmentType, string districtOrCityId) =>
        _departments.GetValueOrDefault((districtOrCityId, departmentType));

    /// <summary>True when <paramref name="unitId"/> is <paramref name="areaId"/> or lies below it.</summary>
    public bool IsWithin(string unitId, string areaId) =>
        unitId == areaId || Ancestors(unitId).Any(a => a.Id == areaId);

    // ---- grid ----

    public GridCell? FindGridCell(string id) => _cells.GetValueOrDefault(id);

    /// <summary>The grid cells of a community, in file order.</summary>
    public IReadOnlyList<GridCell> GridCellsOf(string communityId) => _cellsByCommunity.GetValueOrDefault(communityId) ?? [];

    /// <summary>
    /// The grid cell containing the point, found through a bucket index (not a scan of all cells). Points on an
    /// edge or corner belong to a cell too: when several cells share it, to the one with the ordinally lowest id.
    /// Null outside every cell or for an invalid coordinate.
    /// </summary>
    public GridCell? LocateGridCell(double lat, double lon) => _grid.Locate(new GeoPoint(lat, lon));

    /// <summary>True when the point lies in (or on the edge of) one of the city's grid cells.</summary>
    public bool IsInsideCity(double lat, double lon) => LocateGridCell(lat, lon) is not null;

    // ---- users and candidate groups ----

    public User? FindUser(string id) => _users.GetValueOrDefault(id);

    /// <summary>
    /// The candidate group of a role in a unit, e.g. (<c>officer</c>, <c>D01-chengguan</c>) → <c>officer@D01-chengguan</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The role or the unit is unknown.</exception>
    public CandidateGroup CandidateGroupFor(string role, string orgUnitId)
    {
        if (!Roles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; roles are {string.Join(", ", Roles.All)}.", nameof(role));
        }

        return FindOrgUnit(orgUnitId) is null
            ? throw new ArgumentException($"Unknown org unit '{orgUnitId}'.", nameof(orgUnitId))
            : new CandidateGroup(role, orgUnitId);
    }

    /// <summary>The groups a user belongs to: one per role, in their own unit. Empty for an unknown user.</summary>
    public IReadOnlyList<CandidateGroup> CandidateGroupsOf(string userId) =>
        FindUser(userId) is { } user ? [.. user.Roles.Select(r => new CandidateGroup(r, user.OrgUnitId))] : [];

    /// <summary>The users of a group: those holding its role in its unit.</summary>
    public IReadOnlyList<User> UsersIn(CandidateGroup group) => _groups.GetValueOrDefault(group) ?? [];

    // ---- routing ----

    /// <summary>
    /// Decides who handles a case of a leaf category at a grid cell: the first rule whose category (leaf, its major
    /// or <c>*</c>) and area (the cell, a unit containing it, or <c>*</c>) match, and whose target exists, wins.
    /// A rule with a computed target that does not exist here (no such department in the district, or no location)
    /// is passed over. No winning rule → <see cref="RoutingOutcome.NeedsDispatcher"/>.
    /// </summary>
    /// <param name="categoryCode">A leaf category code.</param>
    /// <param name="gridCellId">The cell of the case's location, or null when the location is unknown: then only
    /// rules for area <c>*</c> can match and targets computed from the location are passed over.</param>
    /// <exception cref="ArgumentException">Unknown category or grid cell.</exception>
    public RoutingDecision Route(string categoryCode, string? gridCellId)
    {
        var category = FindCategory(categoryCode)
            ?? throw new ArgumentException(
                FindMajor(categoryCode) is null
                    ? $"Unknown category '{categoryCode}'."
                    : $"'{categoryCode}' is a major category; route one of its leaf categories.",
                nameof(categoryCode));
        GridCell? cell = null;
        if (gridCellId is not null)
        {
            cell = FindGridCell(gridCellId) ?? throw new ArgumentException($"Unknown grid cell '{gridCellId}'.", nameof(gridCellId));
        }

        var passedOver = new List<string>();
        foreach (var rule in RoutingRules)
        {
            if (!CategoryMatches(rule.Category, category) || !AreaMatches(rule.Area, cell))
            {
                continue;
            }

            if (rule.Target.Kind == RoutingTargetKind.Dispatcher)
            {
                return ToDispatcher(rule, passedOver, $"Rule '{rule.Id}' sends {category.Code} {Where(cell)} to the dispatcher.");
            }

            var (unit, reason) = ResolveTarget(rule.Target, category, cell);
            if (unit is null)
            {
                passedOver.Add($"{rule.Id}: {reason}");
                continue;
            }

            return new RoutingDecision(
                RoutingOutcome.Routed,
                unit,
                new CandidateGroup(Roles.Officer, unit.Id),
                rule,
                passedOver,
                $"Rule '{rule.Id}' ({rule.Category} × {rule.Area} → {rule.Target}) routes {category.Code} {Where(cell)} to {unit.Id} {unit.Names.Zh}.");
        }

        return ToDispatcher(null, passedOver, $"No routing rule matches {category.Code} {Where(cell)}; a dispatcher must choose the unit.");
    }

    private RoutingDecision ToDispatcher(RoutingRule? rule, List<string> passedOver, string explanation) =>
        new(RoutingOutcome.NeedsDispatcher, DispatcherUnit, new CandidateGroup(Roles.Dispatcher, DispatcherUnit.Id), rule, passedOver, explanation);

    private static string Where(GridCell? cell) => cell is null ? "at an unknown location" : $"in grid cell {cell.Id}";

    private static bool CategoryMatches(string ruleCategory, Category category) =>
        ruleCategory == RoutingRule.Any || ruleCategory == category.Code || ruleCategory == category.Major;

    private bool AreaMatches(string area, GridCell? cell) =>
        area == RoutingRule.Any || (cell is not null && (area == cell.Id || IsWithin(cell.CommunityId, area)));

    private (OrgUnit? Unit, string Reason) ResolveTarget(RoutingTarget target, Category category, GridCell? cell)
    {
        if (target.Kind == RoutingTargetKind.Unit)
        {
            return (_units[target.UnitId!], "");
        }

        if (target.Kind == RoutingTargetKind.CityDepartment)
        {
            return DepartmentOf(category.DepartmentType, City.Id) is { } cityDepartment
                ? (cityDepartment, "")
                : (null, $"the city has no {category.DepartmentType} department");
        }

        if (cell is null)
        {
            return (null, $"{target} needs a location");
        }

        return target.Kind switch
        {
            RoutingTargetKind.DistrictDepartment => UnitAtLevel(cell.CommunityId, OrgLevel.District) is { } district
                ? DepartmentOf(category.DepartmentType, district.Id) is { } department
                    ? (department, "")
                    : (null, $"district {district.Id} has no {category.DepartmentType} department")
                : (null, "the location has no district"),
            RoutingTargetKind.Community => Found(UnitAtLevel(cell.CommunityId, OrgLevel.Community), "community"),
            RoutingTargetKind.Street => Found(UnitAtLevel(cell.CommunityId, OrgLevel.Street), "street"),
            RoutingTargetKind.District => Found(UnitAtLevel(cell.CommunityId, OrgLevel.District), "district"),
            _ => (null, $"{target} is not a computed target"),
        };

        static (OrgUnit?, string) Found(OrgUnit? unit, string level) => (unit, unit is null ? $"the location has no {level}" : "");
    }
}
