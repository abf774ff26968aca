using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Forms;
using Tongguan.Cases.Intake;
using Tongguan.Cases.Lifecycle;
using Tongguan.Cases.Model;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Deadlines;
using Tongguan.Sla.Deadlines.Scheduling;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Seed;

/// <summary>How far a run has got: problems reported so far of all.</summary>
public readonly record struct SeedProgress(int Reported, int Total, DateTimeOffset SimulatedNow);

/// <summary>What the loop itself counted (the database holds the rest).</summary>
public sealed record SimulationCounts(
    int Reports, int Duplicates, int TasksCompleted, int Sweeps, int Breaches, int Failures, IReadOnlyList<string> FirstFailures,
    IReadOnlyDictionary<string, TimeSpan> TimeSpent);

/// <summary>
/// The discrete-event loop of a synthetic year: a priority queue of (simulated instant, action), where an action is a
/// report arriving at the one door (<see cref="ReportIntake"/>) or a worker completing a task (through the engine,
/// with output that passes the task's form). Before each action the clock moves to every pending deadline instant on
/// the way and runs <see cref="IDeadlineSweep"/> there, so breaches fire the processes' escalations when they would
/// have. Each action runs in its own DI scope (its own unit of work), exactly as one HTTP request would.
/// </summary>
internal sealed class CitySimulation
{
    private readonly IServiceProvider _services;
    private readonly SimulatedClock _clock;
    private readonly SeedSettings _settings;
    private readonly CityYear _year;
    private readonly CaseWorkers _workers;
    private readonly ReferenceDataSnapshot _data;
    private readonly FormCatalog _forms;
    private readonly IReadOnlyList<User> _intakeAgents;
    private readonly PriorityQueue<SimulationEvent, (DateTimeOffset At, long Order)> _queue = new();
    private readonly HashSet<string> _scheduled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseTrack> _cases = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, TimeSpan> _spent = new(StringComparer.Ordinal);
    private long _order;
    private int _reports;
    private int _duplicates;
    private int _completed;
    private int _sweeps;
    private int _breaches;
    private int _failureCount;

    public CitySimulation(IServiceProvider services, SimulatedClock clock, SeedSettings settings)
    {
        _services = services;
        _clock = clock;
        _settings = settings;
        _data = services.GetRequiredService<ReferenceDataSnapshot>();
        _forms = services.GetRequiredService<FormCatalog>();
        var calendar = services.GetRequiredService<BusinessCalendar>();
        _year = new CityYear(_data, settings.Year, settings.Seed, calendar.TimeZone);
        _workers = new CaseWorkers(_data, calendar, services.GetRequiredService<TimeLimitCalculator>(), settings);
        _intakeAgents = _data.UsersIn(new CandidateGroup(Roles.IntakeAgent, services.GetRequiredService<IOptions<CaseOptions>>().Value.IntakeUnitId));
    }

    public CityYear Year => _year;

    public async Task<SimulationCounts> RunAsync(IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var arrivals = _year.ArrivalTimes(_settings.Cases);
        for (var i = 0; i < arrivals.Count; i++)
        {
            Enqueue(arrivals[i], new Arrival(i, null));
        }

        var reported = 0;
        while (_queue.TryPeek(out _, out var key) && key.At < _year.End)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = _queue.Dequeue();
            var mark = Stopwatch.GetTimestamp();
            await SweepUntilAsync(key.At, cancellationToken).ConfigureAwait(false);
            mark = Spent("deadlines", mark);
            _clock.MoveTo(key.At);
            switch (next)
            {
                case Arrival arrival:
                    await ArriveAsync(arrival, cancellationToken).ConfigureAwait(false);
                    Spent("intake", mark);
                    if (arrival.Original is null)
                    {
                        progress?.Report(new SeedProgress(++reported, _settings.Cases, key.At));
                    }

                    break;
                case Work work:
                    await WorkAsync(work, cancellationToken).ConfigureAwait(false);
                    Spent("tasks", mark);
                    break;
            }
        }

        await SweepUntilAsync(_year.End, cancellationToken).ConfigureAwait(false);
        _clock.MoveTo(_year.End);
        progress?.Report(new SeedProgress(_settings.Cases, _settings.Cases, _year.End));
        return new SimulationCounts(_reports, _duplicates, _completed, _sweeps, _breaches, _failureCount, _failures, _spent);
    }

    private long Spent(string what, long since)
    {
        var now = Stopwatch.GetTimestamp();
        _spent[what] = _spent.GetValueOrDefault(what) + Stopwatch.GetElapsedTime(since, now);
        return now;
    }

    private void Enqueue(DateTimeOffset at, SimulationEvent action) => _queue.Enqueue(action, (at, _order++));

    // ---- arrivals ----

    private async Task ArriveAsync(Arrival arrival, CancellationToken cancellationToken)
    {
        var report = arrival.Original ?? _year.Report(arrival.Ordinal, _clock.GetUtcNow());
        if (arrival.Original is null)
        {
            var random = new Random(StableSeeds.Mix(_settings.Seed, arrival.Ordinal, 101));
            if (random.NextDouble() < SeedSettings.DuplicateRate)
            {
                var duplicate = _year.Duplicate(report, random);
                Enqueue(duplicate.At, new Arrival(arrival.Ordinal, duplicate));
            }
        }
        else
        {
            _duplicates++;
        }

        var request = new SubmitReportRequest(
            report.Channel.ToString(), report.CategoryCode, report.Text, report.Latitude, report.Longitude, report.Address,
            ReporterName: report.ReporterName, ReporterPhone: report.ReporterPhone);
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var intake = scope.ServiceProvider.GetRequiredService<ReportIntake>();
            var errors = intake.Validate(request, null);
            if (errors.Count > 0)
            {
                Fail($"report {report.Ordinal}: {string.Join("; ", errors.SelectMany(e => e.Value))}");
                return;
            }

            SubmitReportResponse response;
            try
            {
                response = await intake.SubmitAsync(request, null, ReporterOf(report), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WorkflowException or DbUpdateException)
            {
                Fail($"report {report.Ordinal}: {ex.Message}");
                return;
            }

            _reports++;
            if (response.Outcome == IntakeOutcome.Merged)
            {
                return;
            }

            // A duplicate that became a case of its own gets a random stream of its own.
            var ordinal = arrival.Original is null ? report.Ordinal : _settings.Cases + report.Ordinal;
            _cases[response.CaseNumber] = new CaseTrack(ordinal, (response.Suggestions.Count > 0 ? response.Suggestions[0].CaseNumber : null));
            await ScheduleOpenTasksAsync(scope.ServiceProvider, response.CaseNumber, cancellationToken).ConfigureAwait(false);
        }
    }

    private Actor ReporterOf(SyntheticReport report) => report.Channel switch
    {
        // The hotline's agents type the caller's words in; the other channels submit themselves.
        Channel.Hotline12345 when _intakeAgents.Count > 0 => new Actor(_intakeAgents[report.Ordinal % _intakeAgents.Count].Id),
        Channel.Hotline12345 => new Actor("hotline"),
        Channel.GridInspector => new Actor("grid-inspector"),
        Channel.IotAlert => new Actor("sensor"),
        Channel.LeadershipInstruction => new Actor("leadership-office"),
        _ => new Actor("citizen"),
    };

    // ---- work ----

    private async Task WorkAsync(Work work, CancellationToken cancellationToken)
    {
        _scheduled.Remove(work.TaskId);
        var scope = _services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var runtime = services.GetRequiredService<WorkflowRuntime>();
            var task = await runtime.GetTaskAsync(work.TaskId, cancellationToken).ConfigureAwait(false);
            if (task is null || task.Status is not (UserTaskStatus.Open or UserTaskStatus.Assigned))
            {
                // An escalation took it away (interrupting boundary) or the case ended otherwise.
                return;
            }

            var output = work.Plan.Output;
            if (task.FormKey == "intake-review" && CaseVariables.Text(output, CaseVariables.MergeInto) is { } target &&
                !await IsOtherOpenCaseAsync(services, target, task.BusinessKey, cancellationToken).ConfigureAwait(false))
            {
                output = new JsonObject { ["decision"] = "file" };
            }

            if (task.FormKey is { } formKey && _forms.Find(formKey) is { } form &&
                FormValidation.Validate(form, output, unit => _data.FindOrgUnit(unit) is not null) is { Count: > 0 } errors)
            {
                Fail($"task {task.NodeId} of {task.BusinessKey}: {string.Join("; ", errors.SelectMany(e => e.Value))}");
                return;
            }

            try
            {
                await runtime.CompleteTaskAsync(task.Id, work.Plan.Actor, output, cancellationToken).ConfigureAwait(false);
                _completed++;
            }
            catch (Exception ex) when (ex is WorkflowException or DbUpdateException)
            {
                Fail($"task {task.NodeId} of {task.BusinessKey}: {ex.Message}");
                return;
            }

            if (task.BusinessKey is { } number)
            {
                await ScheduleOpenTasksAsync(services, number, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> IsOtherOpenCaseAsync(IServiceProvider services, string target, string? self, CancellationToken cancellationToken)
    {
        if (target == self)
        {
            return false;
        }

        var open = CaseStatuses.Open.ToArray();
        return await services.GetRequiredService<TongguanDbContext>().Set<Case>()
            .AnyAsync(c => c.Number == target && open.Contains(c.Status), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans the case's open tasks that nobody is working on yet.</summary>
    private async Task ScheduleOpenTasksAsync(IServiceProvider services, string number, CancellationToken cancellationToken)
    {
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var page = await runtime.QueryTasksAsync(
            new TaskQuery { BusinessKey = number, Statuses = [UserTaskStatus.Open, UserTaskStatus.Assigned], Take = 100 },
            cancellationToken).ConfigureAwait(false);
        await ScheduleAsync(services, page.Items, cancellationToken).ConfigureAwait(false);
    }

    private async Task ScheduleAsync(IServiceProvider services, IEnumerable<UserTaskRecord> tasks, CancellationToken cancellationToken)
    {
        var fresh = tasks.Where(t => !_scheduled.Contains(t.Id))
            .OrderBy(t => t.BusinessKey is { } n && _cases.TryGetValue(n, out var c) ? c.Ordinal : int.MaxValue)
            .ThenBy(t => t.NodeId, StringComparer.Ordinal)
            .ThenBy(t => string.Join(",", t.Candidates.Select(c => c.Value).Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var db = services.GetRequiredService<TongguanDbContext>();
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        foreach (var task in fresh)
        {
            if (task.BusinessKey is not { } number)
            {
                continue;
            }

            var found = await db.Set<Case>().AsNoTracking()
                .Where(c => c.Number == number)
                .Select(c => new { c.CategoryCode, c.DistrictId, c.ResponsibleUnitId, c.Returns })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                continue;
            }

            var track = _cases.TryGetValue(number, out var known) ? known : _cases[number] = new CaseTrack((2 * _settings.Cases) + _cases.Count, null);
            track.Tasks++;
            var random = new Random(StableSeeds.Mix(_settings.Seed, track.Ordinal, 1000 + track.Tasks));
            var variables = task.NodeId == "summon"
                ? (await runtime.GetInstanceAsync(task.InstanceId, cancellationToken).ConfigureAwait(false))?.Variables ?? []
                : [];
            var context = new CaseContext(number, found.CategoryCode, found.DistrictId, found.ResponsibleUnitId, found.Returns, track.Suggestion);
            var plan = _workers.Plan(task, context, variables, random);
            _scheduled.Add(task.Id);
            Enqueue(plan.At, new Work(task.Id, plan));
        }
    }

    // ---- deadlines ----

    /// <summary>Runs the sweep at every instant up to <paramref name="until"/> at which a deadline turns yellow or red.</summary>
    private async Task SweepUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var scope = _services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var services = scope.ServiceProvider;
                var db = services.GetRequiredService<TongguanDbContext>();
                // The earliest instant up to `until` at which a pending deadline turns yellow or red, in one query.
                var at = await db.Set<DeadlineRecord>().AsNoTracking()
                    .Where(d => d.Status == DeadlineStatus.Pending && d.PausedAt == null &&
                                ((d.WarnedAt == null && d.WarningAt <= until) || (d.BreachedAt == null && d.DueAt <= until)))
                    .Select(d => d.WarnedAt == null && d.WarningAt <= until ? d.WarningAt : d.DueAt)
                    .OrderBy(instant => instant)
                    .Select(instant => (DateTimeOffset?)instant)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (at is null)
                {
                    return;
                }

                _clock.MoveTo(at.Value);
                var now = _clock.GetUtcNow();
                var swept = await services.GetRequiredService<IDeadlineSweep>().RunAsync(cancellationToken).ConfigureAwait(false);
                _sweeps++;
                _breaches += swept.Breached;
                if (swept.Breached > 0)
                {
                    // Escalations opened decision tasks (and took handling away): plan them.
                    var opened = await db.Set<UserTaskRecord>().AsNoTracking()
                        .Include(t => t.Candidates)
                        .Where(t => (t.Status == UserTaskStatus.Open || t.Status == UserTaskStatus.Assigned) && t.CreatedAt >= now)
                        .ToListAsync(cancellationToken).ConfigureAwait(false);
                    await ScheduleAsync(services, opened, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private void Fail(string message)
    {
        _failureCount++;
        if (_failures.Count < 10)
        {
            _failures.Add(message);
        }
    }

    private abstract record SimulationEvent;

    /// <summary>Problem <paramref name="Ordinal"/> reported; <paramref name="Original"/> is set for its duplicate report.</summary>
    private sealed record Arrival(int Ordinal, SyntheticReport? Original) : SimulationEvent;

    private sealed record Work(string TaskId, PlannedWork Plan) : SimulationEvent;

    private sealed class CaseTrack(int ordinal, string? suggestion)
    {
        public int Ordinal { get; } = ordinal;

        public string? Suggestion { get; } = suggestion;

        public int Tasks { get; set; }
    }
}
