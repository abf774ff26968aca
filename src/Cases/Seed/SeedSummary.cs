using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Seed;

/// <summary>Mean time a unit's handle tasks stayed open (created to completed or taken away by an escalation).</summary>
public sealed record UnitSpeed(string UnitId, int Tasks, double MeanHours, bool Slow);

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

    public static async Task<SeedSummary> ReadAsync(
        TongguanDbContext db, CityYear year, SeedSettings settings, SimulationCounts simulation, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(settings);
        DateTimeOffset start = year.Start, end = year.End;
        var cases = db.Set<Case>().AsNoTracking().Where(c => c.CreatedAt >= start && c.CreatedAt < end);
        var byStatus = await cases.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var totals = await cases.GroupBy(_ => 1).Select(g => new
        {
            Returns = g.Sum(c => c.Returns),
            Reworks = g.Sum(c => c.Reworks),
            Reopenings = g.Sum(c => c.Reopenings),
            Escalations = g.Sum(c => c.Escalations),
            Escalated = g.Count(c => c.Escalations > 0),
        }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
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
            select new { Group = c.Value, t.CreatedAt, EndedAt = t.EndedAt!.Value }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = handled
            .Select(h => (Unit: h.Group.StartsWith(Officer, StringComparison.Ordinal) ? h.Group[Officer.Length..] : h.Group, Hours: (h.EndedAt - h.CreatedAt).TotalHours))
            .GroupBy(h => h.Unit, StringComparer.Ordinal)
            .Select(g => new UnitSpeed(g.Key, g.Count(), g.Average(h => h.Hours), settings.SlowUnits.Contains(g.Key)))
            .OrderByDescending(u => u.MeanHours)
            .ToList();

        return new SeedSummary(
            settings.Year,
            byStatus.Values.Sum(),
            byStatus,
            reports.Values.Sum(),
            reports.GetValueOrDefault(ReportLink.AutoMerged),
            byStatus.GetValueOrDefault(CaseStatus.Merged),
            totals?.Returns ?? 0,
            totals?.Reworks ?? 0,
            totals?.Reopenings ?? 0,
            totals?.Escalations ?? 0,
            totals?.Escalated ?? 0,
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
        output.WriteLine(string.Create(c, $"  returns {Returns:N0}, reworks {Reworks:N0}, reopenings {Reopenings:N0}, escalations {Escalations:N0} (of {EscalatedCases:N0} cases)"));
        var rated = Math.Max(1, Satisfaction.Values.Sum());
        output.WriteLine("  satisfaction: " + string.Join(", ", Satisfaction.OrderByDescending(s => s.Value).Select(s => string.Create(c, $"{s.Key} {s.Value:N0} ({100.0 * s.Value / rated:0.0} %)"))));
        output.WriteLine(string.Create(c, $"  handling time (handle tasks, mean hours): slow units {SlowMeanHours:0.0} h vs the others {OthersMeanHours:0.0} h"));
        foreach (var unit in Units.Where(u => u.Slow))
        {
            output.WriteLine(string.Create(c, $"    slow {unit.UnitId}: {unit.MeanHours:0.0} h over {unit.Tasks:N0} tasks"));
        }

        output.WriteLine(string.Create(c, $"  engine: {Simulation.TasksCompleted:N0} tasks completed, {Simulation.Sweeps:N0} deadline sweeps, {Simulation.Breaches:N0} breaches, {Simulation.Failures:N0} failed actions"));
        foreach (var failure in Simulation.FirstFailures)
        {
            output.WriteLine("    failed: " + failure);
        }
    }

    private const string Officer = "officer@";

    private static double Mean(IEnumerable<UnitSpeed> units)
    {
        var list = units.ToList();
        var tasks = list.Sum(u => u.Tasks);
        return tasks == 0 ? double.NaN : list.Sum(u => u.MeanHours * u.Tasks) / tasks;
    }
}
