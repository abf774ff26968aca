using System.Text.RegularExpressions;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Model;

namespace Tongguan.Cases.ReferenceData;

/// <summary>
/// Loads <c>org.json</c>, <c>categories.json</c> and <c>routing-rules.json</c> from a folder, checks them against
/// each other and builds the <see cref="ReferenceDataSnapshot"/>. Everything wrong is collected and reported at once.
/// </summary>
public static partial class ReferenceDataLoader
{
    [GeneratedRegex(@"^[BS]\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex MajorCode();

    [GeneratedRegex(@"^[BS]\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex LeafCode();

    // No '@' or ',': ids are joined into candidate group names, and tg:candidateGroups is comma separated.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeCode();

    /// <exception cref="ReferenceDataException">A file is missing, unreadable or inconsistent; the message lists every problem.</exception>
    public static ReferenceDataSnapshot LoadFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        folder = Path.GetFullPath(folder);
        var problems = new List<ReferenceDataProblem>();
        var orgFile = ReferenceDataFiles.Read<OrgFileDto>(folder, ReferenceDataFiles.Org, problems);
        var categoriesFile = ReferenceDataFiles.Read<CategoriesFileDto>(folder, ReferenceDataFiles.Categories, problems);
        var routingFile = ReferenceDataFiles.Read<RoutingFileDto>(folder, ReferenceDataFiles.Routing, problems);
        if (orgFile is null || categoriesFile is null || routingFile is null)
        {
            throw new ReferenceDataException(folder, problems);
        }

        var org = new OrgReader(problems).Read(orgFile);
        var (majors, categories) = new CategoriesReader(problems, org.DepartmentTypes).Read(categoriesFile);
        var (rules, dispatcherUnit) = new RoutingReader(problems, org, majors, categories).Read(routingFile);
        if (problems.Count > 0)
        {
            throw new ReferenceDataException(folder, problems);
        }

        var snapshot = new ReferenceDataSnapshot(
            folder, majors, categories, org.DepartmentTypes, org.Units, org.Cells, org.Users, rules, dispatcherUnit!);
        RoutingReader.CheckShadowing(snapshot, problems);
        return problems.Count > 0 ? throw new ReferenceDataException(folder, problems) : snapshot;
    }

    private static bool Require(string? value, string file, string path, List<ReferenceDataProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(file, path, "a value is required here."));
            return false;
        }

        return true;
    }

    private static LocalizedName Name(NameDto? name, string file, string path, List<ReferenceDataProblem> problems)
    {
        if (name is null)
        {
            problems.Add(new(file, path, "a name is required: { \"zh\": \"…\", \"en\": \"…\" }."));
            return new LocalizedName("", "");
        }

        Require(name.Zh, file, path + ".zh", problems);
        Require(name.En, file, path + ".en", problems);
        return new LocalizedName(name.Zh?.Trim() ?? "", name.En?.Trim() ?? "");
    }

    private static bool CheckId(string? id, string what, string file, string path, HashSet<string> seen, List<ReferenceDataProblem> problems)
    {
        if (!Require(id, file, path, problems))
        {
            return false;
        }

        if (!Identifier().IsMatch(id!))
        {
            problems.Add(new(file, path, $"'{id}' is not a valid {what} id: use letters, digits, '.', '_' and '-' only (no '@', ',' or spaces)."));
            return false;
        }

        if (!seen.Add(id!))
        {
            problems.Add(new(file, path, $"duplicate id '{id}': {(what is "org unit" or "grid cell" ? "an org unit or grid cell" : $"another {what}")} already has it."));
            return false;
        }

        return true;
    }

    internal sealed record OrgData(
        List<DepartmentType> DepartmentTypes,
        List<OrgUnit> Units,
        Dictionary<string, OrgUnit> UnitsById,
        List<GridCell> Cells,
        Dictionary<string, GridCell> CellsById,
        List<User> Users);

    private sealed class OrgReader(List<ReferenceDataProblem> problems)
    {
        private const string File = ReferenceDataFiles.Org;

        public OrgData Read(OrgFileDto dto)
        {
            var types = ReadDepartmentTypes(dto.DepartmentTypes);
            var typeCodes = types.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
            var areaIds = new HashSet<string>(StringComparer.Ordinal);
            var units = ReadUnits(dto.Units, typeCodes, areaIds);
            var unitsById = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
            var cells = new GridCellsReader(problems).Read(dto.GridCells, unitsById, areaIds);
            var users = ReadUsers(dto.Users, unitsById);
            return new OrgData(types, units, unitsById, cells, cells.ToDictionary(c => c.Id, StringComparer.Ordinal), users);
        }

        private List<DepartmentType> ReadDepartmentTypes(List<DepartmentTypeDto?>? list)
        {
            var result = new List<DepartmentType>();
            if (list is null || list.Count == 0)
            {
                problems.Add(new(File, "$.departmentTypes", "list the department types (e.g. { \"code\": \"chengguan\", \"name\": … })."));
                return result;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"$.departmentTypes[{i}]";
                var item = list[i];
                if (item is null || !Require(item.Code, File, path + ".code", problems))
                {
                    continue;
                }

                if (!TypeCode().IsMatch(item.Code!))
                {
                    problems.Add(new(File, path + ".code", $"'{item.Code}' is not a valid department type: lower-case letters, digits and '-', e.g. \"chengguan\"."));
                }
                else if (!seen.Add(item.Code!))
                {
                    problems.Add(new(File, path + ".code", $"duplicate department type '{item.Code}'."));
                }
                else
                {
                    result.Add(new DepartmentType(item.Code!, Name(item.Name, File, path + ".name", problems)));
                }
            }

            return result;
        }

        private List<OrgUnit> ReadUnits(List<UnitDto?>? list, HashSet<string> typeCodes, HashSet<string> ids)
        {
            var units = new List<(OrgUnit Unit, int Index)>();
            if (list is null || list.Count == 0)
            {
                problems.Add(new(File, "$.units", "list the org units, starting with the City."));
                return [];
            }

            for (var i = 0; i < list.Count; i++)
            {
                var path = $"$.units[{i}]";
                var item = list[i];
                if (item is null || !CheckId(item.Id, "org unit", File, path + ".id", ids, problems))
                {
                    continue;
                }

                if (!Enum.TryParse<OrgLevel>(item.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || item.Level!.Any(char.IsDigit))
                {
                    problems.Add(new(File, path + ".level", $"'{item.Level}' is not a level; use one of {string.Join(", ", Enum.GetNames<OrgLevel>())}."));
                    continue;
                }

                if (level == OrgLevel.Department)
                {
                    if (Require(item.DepartmentType, File, path + ".departmentType", problems) && !typeCodes.Contains(item.DepartmentType!))
                    {
                        problems.Add(new(File, path + ".departmentType", $"unknown department type '{item.DepartmentType}'; it must be listed in $.departmentTypes."));
                    }
                }
                else if (item.DepartmentType is not null)
                {
                    problems.Add(new(File, path + ".departmentType", $"only departments have a department type; '{item.Id}' is a {level}."));
                }

                units.Add((new OrgUnit(item.Id!, level, item.Parent, Name(item.Name, File, path + ".name", problems), item.DepartmentType), i));
            }

            var byId = units.ToDictionary(u => u.Unit.Id, u => u.Unit, StringComparer.Ordinal);
            var cities = units.Where(u => u.Unit.Level == OrgLevel.City).ToList();
            if (cities.Count == 0)
            {
                problems.Add(new(File, "$.units", "no unit has level City: the org tree needs exactly one root."));
            }

            foreach (var (extra, index) in cities.Skip(1))
            {
                problems.Add(new(File, $"$.units[{index}].level", $"'{extra.Id}' is a second City; the org tree has exactly one ('{cities[0].Unit.Id}')."));
            }

            var departments = new Dictionary<(string?, string?), string>();
            foreach (var (unit, index) in units)
            {
                CheckParent(unit, $"$.units[{index}].parent", byId);
                // Routing to "the district's chengguan department" needs one answer.
                if (unit.Level == OrgLevel.Department && !departments.TryAdd((unit.ParentId, unit.DepartmentType), unit.Id))
                {
                    problems.Add(new(File, $"$.units[{index}].departmentType",
                        $"'{unit.ParentId}' already has a {unit.DepartmentType} department ('{departments[(unit.ParentId, unit.DepartmentType)]}'); one of a type per district or city."));
                }
            }

            return [.. units.Select(u => u.Unit)];
        }

        private void CheckParent(OrgUnit unit, string path, Dictionary<string, OrgUnit> byId)
        {
            OrgLevel[] allowed = unit.Level switch
            {
                OrgLevel.City => [],
                OrgLevel.District => [OrgLevel.City],
                OrgLevel.Street => [OrgLevel.District],
                OrgLevel.Community => [OrgLevel.Street],
                _ => [OrgLevel.City, OrgLevel.District],
            };
            if (unit.ParentId is null)
            {
                if (allowed.Length > 0)
                {
                    problems.Add(new(File, path, $"'{unit.Id}' ({unit.Level}) needs a parent of level {string.Join(" or ", allowed)}."));
                }

                return;
            }

            if (allowed.Length == 0)
            {
                problems.Add(new(File, path, $"the City '{unit.Id}' is the root and has no parent."));
            }
            else if (!byId.TryGetValue(unit.ParentId, out var parent))
            {
                problems.Add(new(File, path, $"unknown parent '{unit.ParentId}': no unit has that id."));
            }
            else if (!allowed.Contains(parent.Level))
            {
                problems.Add(new(File, path, $"a {unit.Level} must sit under a {string.Join(" or ", allowed)}, but '{parent.Id}' is a {parent.Level}."));
            }
        }

        private List<User> ReadUsers(List<UserDto?>? list, Dictionary<string, OrgUnit> units)
        {
            var result = new List<User>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                var path = $"$.users[{i}]";
                var item = list![i];
                if (item is null || !CheckId(item.Id, "user", File, path + ".id", seen, problems))
                {
                    continue;
                }

                Require(item.Name, File, path + ".name", problems);
                var roles = new List<string>();
                if (item.Roles is null || item.Roles.Count == 0)
                {
                    problems.Add(new(File, path + ".roles", $"a user needs at least one role: {string.Join(", ", Roles.All)}."));
                }

                for (var r = 0; r < (item.Roles?.Count ?? 0); r++)
                {
                    var role = item.Roles![r];
                    if (role is null || !Roles.IsKnown(role))
                    {
                        problems.Add(new(File, $"{path}.roles[{r}]", $"unknown role '{role}'; roles are {string.Join(", ", Roles.All)}."));
                    }
                    else if (roles.Contains(role))
                    {
                        problems.Add(new(File, $"{path}.roles[{r}]", $"role '{role}' is listed twice."));
                    }
                    else
                    {
                        roles.Add(role);
                    }
                }

                if (Require(item.OrgUnit, File, path + ".orgUnit", problems) && !units.ContainsKey(item.OrgUnit!))
                {
                    problems.Add(new(File, path + ".orgUnit", $"unknown org unit '{item.OrgUnit}'."));
                }

                result.Add(new User(item.Id!, item.Name?.Trim() ?? "", roles, item.OrgUnit ?? ""));
            }

            return result;
        }
    }

    private sealed class CategoriesReader(List<ReferenceDataProblem> problems, List<DepartmentType> departmentTypes)
    {
        private const string File = ReferenceDataFiles.Categories;

        public (List<CategoryMajor> Majors, List<Category> Categories) Read(CategoriesFileDto dto)
        {
            var majors = new List<CategoryMajor>();
            var categories = new List<Category>();
            if (dto.Majors is null || dto.Majors.Count == 0)
            {
                problems.Add(new(File, "$.majors", "list the major categories, each with its leaf categories."));
                return (majors, categories);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < dto.Majors.Count; i++)
            {
                var path = $"$.majors[{i}]";
                var major = dto.Majors[i];
                if (major is null || !Require(major.Code, File, path + ".code", problems))
                {
                    continue;
                }

                if (!MajorCode().IsMatch(major.Code!))
                {
                    problems.Add(new(File, path + ".code", $"'{major.Code}' is not a major code: B (部件 component) or S (事件 event) and two digits, e.g. \"S05\"."));
                    continue;
                }

                if (!seen.Add(major.Code!))
                {
                    problems.Add(new(File, path + ".code", $"duplicate major code '{major.Code}'."));
                    continue;
                }

                var kind = major.Code![0] == 'B' ? CategoryKind.Component : CategoryKind.Event;
                majors.Add(new CategoryMajor(major.Code, kind, Name(major.Name, File, path + ".name", problems)));
                CheckDepartmentType(major.DepartmentType, path + ".departmentType");
                if (major.Categories is null || major.Categories.Count == 0)
                {
                    problems.Add(new(File, path + ".categories", $"major '{major.Code}' has no leaf categories; a case is always filed under a leaf."));
                    continue;
                }

                for (var j = 0; j < major.Categories.Count; j++)
                {
                    if (ReadLeaf(major, kind, major.Categories[j], $"{path}.categories[{j}]", seen) is { } leaf)
                    {
                        categories.Add(leaf);
                    }
                }
            }

            return (majors, categories);
        }

        private Category? ReadLeaf(MajorDto major, CategoryKind kind, LeafDto? leaf, string path, HashSet<string> seen)
        {
            if (leaf is null || !Require(leaf.Code, File, path + ".code", problems))
            {
                return null;
            }

            if (!LeafCode().IsMatch(leaf.Code!) || !leaf.Code!.StartsWith(major.Code!, StringComparison.Ordinal))
            {
                problems.Add(new(File, path + ".code", $"'{leaf.Code}' is not a leaf code of major {major.Code}: the major code and two digits, e.g. \"{major.Code}01\"."));
                return null;
            }

            if (!seen.Add(leaf.Code))
            {
                problems.Add(new(File, path + ".code", $"duplicate category code '{leaf.Code}'."));
                return null;
            }

            var names = Name(leaf.Name, File, path + ".name", problems);
            var departmentType = leaf.DepartmentType ?? major.DepartmentType;
            if (departmentType is null)
            {
                problems.Add(new(File, path + ".departmentType", $"'{leaf.Code}' has no department type, and neither has its major {major.Code}."));
            }
            else if (leaf.DepartmentType is not null)
            {
                CheckDepartmentType(leaf.DepartmentType, path + ".departmentType");
            }

            var accept = Limit(leaf.Limits?.Accept, major.Limits?.Accept, path, "accept", leaf.Code);
            var handle = Limit(leaf.Limits?.Handle, major.Limits?.Handle, path, "handle", leaf.Code);
            var verify = Limit(leaf.Limits?.Verify, major.Limits?.Verify, path, "verify", leaf.Code);
            // Kept even when a limit or the department type is wrong (the load fails anyway), so that rules naming
            // this code are not reported as naming an unknown category too.
            var unset = new StepLimit("", CalendarKind.Business);
            return new Category(leaf.Code, major.Code!, kind, names, departmentType ?? "", new StepLimits(accept ?? unset, handle ?? unset, verify ?? unset));
        }

        private void CheckDepartmentType(string? code, string path)
        {
            if (code is not null && !departmentTypes.Any(t => t.Code == code))
            {
                problems.Add(new(File, path, $"unknown department type '{code}'; org.json $.departmentTypes lists {string.Join(", ", departmentTypes.Select(t => t.Code))}."));
            }
        }

        // A leaf's own limit wins; else its major's. A major's limit is checked once per leaf that inherits it,
        // and reported at the major's path.
        private StepLimit? Limit(LimitDto? own, LimitDto? inherited, string leafPath, string step, string code)
        {
            var limit = own ?? inherited;
            var path = own is not null ? $"{leafPath}.limits.{step}" : $"{leafPath[..leafPath.LastIndexOf(".categories", StringComparison.Ordinal)]}.limits.{step}";
            if (limit is null)
            {
                problems.Add(new(File, $"{leafPath}.limits.{step}", $"'{code}' has no {step} time limit, and neither has its major."));
                return null;
            }

            var complaint = CheckLimit(limit, out var calendar);
            if (complaint is not null)
            {
                var problem = new ReferenceDataProblem(File, path, complaint);
                if (!problems.Contains(problem))
                {
                    problems.Add(problem);
                }

                return null;
            }

            return new StepLimit(limit.Duration!.Trim(), calendar);
        }
    }

    /// <summary>The rules of the engine's tg:timeLimit and what the deadline calculator can compute.</summary>
    internal static string? CheckLimit(LimitDto limit, out CalendarKind calendar)
    {
        calendar = CalendarKind.Business;
        if (string.IsNullOrWhiteSpace(limit.Calendar) ||
            !Enum.TryParse(limit.Calendar, ignoreCase: true, out calendar) || !Enum.IsDefined(calendar) || limit.Calendar.Any(char.IsDigit))
        {
            return $"calendar '{limit.Calendar}' is not \"business\" (working time) or \"natural\" (around the clock).";
        }

        if (string.IsNullOrWhiteSpace(limit.Duration))
        {
            return "a duration is required, e.g. \"P2D\" or \"PT4H\".";
        }

        LimitDuration duration;
        try
        {
            duration = LimitDuration.Parse(limit.Duration);
        }
        catch (FormatException ex)
        {
            return $"bad duration: {ex.Message}";
        }

        if (duration is { Days: 0, Weeks: 0 } && duration.Time <= TimeSpan.Zero)
        {
            return $"duration '{limit.Duration}' is zero; a time limit must be longer than that.";
        }

        return calendar == CalendarKind.Business && duration.Weeks > 0
            ? $"duration '{limit.Duration}' is in weeks, which business time does not allow (holidays and adjusted working days change a week's length); write working days, e.g. P5D."
            : null;
    }
}
