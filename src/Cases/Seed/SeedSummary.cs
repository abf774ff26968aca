using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Seed;

/// <summary>
/// A unit's handling time: per case, the hours its handle tasks stayed open in total (each from opening to completion
/// or until an escalation took it away, so a breach and the handling after the decision both count), averaged over
/// the cases it handled.
/// </summary>
public sealed record UnitSpeed(string UnitId, string? DepartmentType, int Cases, double MeanHours, bool Slow);

/// <summary>What the seeded year looks like, read back from the database (cases created in the year).</summary>
public sealed record SeedSummary(
    int Year,
    int Cases,
    IReadOnlyDictionary<CaseStatus, int> ByStatus,
    int Reports,
    int AutoMerged,
    int MergedByAgent,
    int Returns,
    int Reworks,
    int Reopenings,
    int Escalations,
    int EscalatedCases,
    IReadOnlyDictionary<string, int> Satisfaction,
    IReadOnlyList<UnitSpeed> Units,
    SimulationCounts Simulation,
    TimeSpan Elapsed)
{
    /// <summary>Mean handling hours of the slow units' tasks together (NaN without any).</summary>
    public double SlowMeanHours => Mean(Units.Where(u => u.Slow));

    /// <summary>Mean handling hours of all other units' tasks together (NaN without any).</summary>
    public double OthersMeanHours => Mean(Units.Where(u => !u.Slow));

    /// <summary>Mean handling hours of the units of the same department type as <paramref name="unitId"/>, other than it.</summary>
    public double PeersMeanHours(string unitId)
    {
        var type = Units.FirstOrDefault(u => u.UnitId == unitId)?.DepartmentType;
        return Mean(Units.Where(u => u.UnitId != unitId && !u.Slow && type is not null && u.DepartmentType == type));
    }

    public static async Task<SeedSummary> ReadAsync(
        TongguanDbContext db, ReferenceDataSnapshot data, CityYear year, SeedSettings settings, SimulationCounts simulation, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(settings);
        DateTimeOffset start = year.Start, end = year.End;
        var cases = db.Set<Case>().AsNoTracking().Where(c => c.CreatedAt >= start && c.CreatedAt < end);
        var byStatus = await cases.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var returns = await cases.SumAsync(c => c.Returns, cancellationToken).ConfigureAwait(false);
        var reworks = await cases.SumAsync(c => c.Reworks, cancellationToken).ConfigureAwait(false);
        var reopenings = await cases.SumAsync(c => c.Reopenings, cancellationToken).ConfigureAwait(false);
        var escalations = await cases.SumAsync(c => c.Escalations, cancellationToken).ConfigureAwait(false);
        var escalated = await cases.CountAsync(c => c.Escalations > 0, cancellationToken).ConfigureAwait(false);
        var satisfaction = await cases.Where(c => c.Satisfaction != null).GroupBy(c => c.Satisfaction!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.ReceivedAt >= start && r.ReceivedAt < end)
            .GroupBy(r => r.Link).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);

        var handled = await (
            from t in db.Set<UserTaskRecord>().AsNoTracking()
            where t.DefinitionKey == CaseProcesses.Handling && t.NodeId == "handle" && t.EndedAt != null && t.CreatedAt >= start && t.CreatedAt < end
            from c in t.Candidates
            where c.Kind == CandidateKind.Group
            select new { t.InstanceId, Group = c.Value, t.CreatedAt, EndedAt = t.EndedAt!.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = handled
            .Select(h => (h.InstanceId, Unit: h.Group.StartsWith(Officer, StringComparison.Ordinal) ? h.Group[Officer.Length..] : h.Group, Hours: (h.EndedAt - h.CreatedAt).TotalHours))
            .GroupBy(h => (h.InstanceId, h.Unit))
            .Select(g => (g.Key.Unit, Hours: g.Sum(h => h.Hours)))
            .GroupBy(h => h.Unit, StringComparer.Ordinal)
            .Select(g => new UnitSpeed(g.Key, data.FindOrgUnit(g.Key)?.DepartmentType, g.Count(), g.Average(h => h.Hours), settings.SlowUnits.Contains(g.Key)))
            .OrderByDescending(u => u.MeanHours)
            .ToList();

        return new SeedSummary(
            settings.Year,
            byStatus.Values.Sum(),
            byStatus,
            reports.Values.Sum(),
            reports.GetValueOrDefault(ReportLink.AutoMerged),
            byStatus.GetValueOrDefault(CaseStatus.Merged),
            returns,
            reworks,
            reopenings,
            escalations,
            escalated,
            satisfaction,
            units,
            simulation,
            elapsed);
    }

    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Seeded the year {Year}: {Cases:N0} cases from {Reports:N0} reports in {Elapsed.TotalSeconds:0.0} s ({Simulation.Reports / Math.Max(Elapsed.TotalSeconds, 0.001):0.0} reports/s)."));
        output.WriteLine("  status at year end: " + string.Join(", ", ByStatus.OrderByDescending(s => s.Value).Select(s => string.Create(c, $"{s.Key} {s.Value:N0}"))));
        output.WriteLine(string.Create(c, $"  duplicates: {Simulation.Duplicates:N0} reported again; {AutoMerged:N0} merged automatically, {MergedByAgent:N0} cases merged by an intake agent"));
        output.WriteLine(string.Create(c, $"  returns {Returns:N0}, reworks {Reworks:N0}, reopenings after an unsatisfied callback {Reopenings:N0}, escalations {Escalations:N0} (of {EscalatedCases:N0} cases)"));
        var rated = Math.Max(1, Satisfaction.Values.Sum());
        output.WriteLine("  satisfaction (last callback): " + string.Join(", ", Satisfaction.OrderByDescending(s => s.Value).Select(s => string.Create(c, $"{s.Key} {s.Value:N0} ({100.0 * s.Value / rated:0.0} %)"))));
        output.WriteLine(string.Create(c, $"  handling time per case (hours the unit's handle tasks were open): slow units {SlowMeanHours:0.0} h vs the others {OthersMeanHours:0.0} h"));
        foreach (var unit in Units.Where(u => u.Slow))
        {
            output.WriteLine(string.Create(c, $"    slow {unit.UnitId}: {unit.MeanHours:0.0} h over {unit.Cases:N0} cases; other {unit.DepartmentType} units {PeersMeanHours(unit.UnitId):0.0} h"));
        }

        output.WriteLine(string.Create(c, $"  engine: {Simulation.TasksCompleted:N0} tasks completed, {Simulation.Sweeps:N0} deadline sweeps, {Simulation.Breaches:N0} breaches, {Simulation.Failures:N0} failed actions; time spent: {string.Join(", ", Simulation.TimeSpent.Select(t => string.Create(c, $"{t.Key} {t.Value.TotalSeconds:0.0} s")))}"));
        foreach (var failure in Simulation.FirstFailures)
        {
            output.WriteLine("    failed: " + failure);
        }
    }

    private const string Officer = "officer@";

    private static double Mean(IEnumerable<UnitSpeed> units)
    {
        var list = units.ToList();
        var cases = list.Sum(u => u.Cases);
        return cases == 0 ? double.NaN : list.Sum(u => u.MeanHours * u.Cases) / cases;
    }
}
