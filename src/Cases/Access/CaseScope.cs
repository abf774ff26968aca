using Tongguan.Cases.Model;
using Tongguan.Cases.ReferenceData;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Access;

/// <summary>
/// Which cases a caller may read. Intake agents, dispatchers, auditors and admins see the whole city. Everyone else
/// sees the cases of their org subtree: those located in it (district, street or community of the case) and those
/// it is responsible for or escalated to — a street officer their street's cases, a department officer their
/// department's. Someone who may work on one of a case's open tasks (co-handling) sees that case too.
/// </summary>
public sealed class CaseScope
{
    private readonly string[]? _units;

    private CaseScope(string[]? units) => _units = units;

    /// <summary>The ids of the org units whose cases the caller sees; null for the whole city.</summary>
    public IReadOnlyCollection<string>? Units => _units;

    public static CaseScope Of(Caller caller, ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(data);
        if (caller.User is not { } user)
        {
            return new CaseScope([]);
        }

        if (CityWideRoles.Any(caller.HasRole))
        {
            return new CaseScope(null);
        }

        var units = new List<string>();
        var pending = new Stack<string>([user.OrgUnitId]);
        while (pending.TryPop(out var id))
        {
            units.Add(id);
            foreach (var child in data.Children(id))
            {
                pending.Push(child.Id);
            }
        }

        return new CaseScope([.. units]);
    }

    /// <summary>The roles whose work spans the city: intake, dispatch, audit, administration.</summary>
    public static IReadOnlyList<string> CityWideRoles { get; } = [Roles.IntakeAgent, Roles.Dispatcher, Roles.Auditor, Roles.Admin];

    /// <summary>The cases of <paramref name="cases"/> in scope, as one SQL condition.</summary>
    public IQueryable<Case> Filter(IQueryable<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (_units is null)
        {
            return cases;
        }

        var units = _units;
        return cases.Where(c =>
            units.Contains(c.ResponsibleUnitId!) || units.Contains(c.EscalatedToUnitId!) ||
            units.Contains(c.DistrictId!) || units.Contains(c.StreetId!) || units.Contains(c.CommunityId!));
    }

    public bool Covers(Case found)
    {
        ArgumentNullException.ThrowIfNull(found);
        return _units is null || new[] { found.ResponsibleUnitId, found.EscalatedToUnitId, found.DistrictId, found.StreetId, found.CommunityId }
            .Any(u => u is not null && _units.Contains(u, StringComparer.Ordinal));
    }

    /// <summary>True when the caller holds or may claim the task (the inbox's own rule).</summary>
    public static bool MayWorkOn(Caller caller, UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(task);
        return task.Assignee == caller.Id ||
               task.Candidates.Any(c => (c.Kind == CandidateKind.User && c.Value == caller.Id) ||
                                        (c.Kind == CandidateKind.Group && caller.Groups.Contains(c.Value, StringComparer.Ordinal)));
    }
}
