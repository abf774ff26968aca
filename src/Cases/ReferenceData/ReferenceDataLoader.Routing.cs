namespace Tongguan.Cases.ReferenceData;

public static partial class ReferenceDataLoader
{
    private sealed class RoutingReader(List<ReferenceDataProblem> problems, OrgData org, List<CategoryMajor> majors, List<Category> categories)
    {
        private const string File = ReferenceDataFiles.Routing;

        public (List<RoutingRule> Rules, string? DispatcherUnit) Read(RoutingFileDto dto)
        {
            string? dispatcherUnit = null;
            if (Require(dto.DispatcherUnit, File, "$.dispatcherUnit", problems))
            {
                if (org.UnitsById.ContainsKey(dto.DispatcherUnit!))
                {
                    dispatcherUnit = dto.DispatcherUnit;
                }
                else
                {
                    problems.Add(new(File, "$.dispatcherUnit", $"unknown org unit '{dto.DispatcherUnit}' (the unit whose dispatchers take unrouted cases, e.g. the command centre)."));
                }
            }

            var rules = new List<RoutingRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (dto.Rules?.Count ?? 0); i++)
            {
                if (ReadRule(dto.Rules![i], $"$.rules[{i}]", ids) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            return (rules, dispatcherUnit);
        }

        private RoutingRule? ReadRule(RuleDto? item, string path, HashSet<string> ids)
        {
            if (item is null || !CheckId(item.Id, "rule", File, path + ".id", ids, problems))
            {
                return null;
            }

            var valid = Require(item.Category, File, path + ".category", problems)
                & Require(item.Area, File, path + ".area", problems)
                & Require(item.Target, File, path + ".target", problems);
            if (!valid)
            {
                return null;
            }

            if (item.Category != RoutingRule.Any && !majors.Any(m => m.Code == item.Category) && !categories.Any(c => c.Code == item.Category))
            {
                problems.Add(new(File, path + ".category", $"unknown category '{item.Category}': write a leaf code (S0501), a major code (S05) or \"*\"."));
                valid = false;
            }

            if (item.Area != RoutingRule.Any && !org.CellsById.ContainsKey(item.Area!))
            {
                if (!org.UnitsById.TryGetValue(item.Area!, out var area))
                {
                    problems.Add(new(File, path + ".area", $"unknown area '{item.Area}': write a grid cell, community, street or district id, or \"*\"."));
                    valid = false;
                }
                else if (area.Level == OrgLevel.Department)
                {
                    problems.Add(new(File, path + ".area", $"'{area.Id}' is a department, not an area: write a grid cell, community, street or district id."));
                    valid = false;
                }
            }

            var target = RoutingTarget.Parse(item.Target!);
            if (target.Kind == RoutingTargetKind.Unit && !org.UnitsById.ContainsKey(target.UnitId!))
            {
                problems.Add(new(File, path + ".target", $"unknown org unit '{target.UnitId}': write a unit id or one of {string.Join(", ", RoutingTarget.KeywordTexts)}."));
                valid = false;
            }

            return valid ? new RoutingRule(item.Id!, item.Category!, item.Area!, target, item.Note) : null;
        }

        /// <summary>
        /// A rule that can never decide is a mistake in the file: an earlier rule covers all its categories and
        /// areas and always decides (a fixed unit or the dispatcher, which cannot be passed over).
        /// </summary>
        public static void CheckShadowing(ReferenceDataSnapshot data, List<ReferenceDataProblem> problems)
        {
            var rules = data.RoutingRules;
            for (var later = 0; later < rules.Count; later++)
            {
                for (var earlier = 0; earlier < later; earlier++)
                {
                    var first = rules[earlier];
                    if (first.Target.Kind is RoutingTargetKind.Unit or RoutingTargetKind.Dispatcher &&
                        CoversCategory(data, first.Category, rules[later].Category) && CoversArea(data, first.Area, rules[later].Area))
                    {
                        problems.Add(new(File, $"$.rules[{later}]", $"rule '{rules[later].Id}' never applies: rule '{first.Id}' ($.rules[{earlier}]) comes first, covers its category and area, and always decides. Move it up or remove it."));
                        break;
                    }
                }
            }
        }

        private static bool CoversCategory(ReferenceDataSnapshot data, string outer, string inner) =>
            outer == RoutingRule.Any || outer == inner || data.FindCategory(inner)?.Major == outer;

        private static bool CoversArea(ReferenceDataSnapshot data, string outer, string inner)
        {
            if (outer == RoutingRule.Any || outer == inner)
            {
                return true;
            }

            if (inner == RoutingRule.Any)
            {
                return false;
            }

            var innerUnit = data.FindGridCell(inner)?.CommunityId ?? inner;
            return data.FindGridCell(outer) is null && data.IsWithin(innerUnit, outer);
        }
    }
}
