using System.Globalization;
using Tongguan.Cases.Model;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Deadlines;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Bench.SlaScale;

/// <summary>The rows of one case as the engine and the case module leave them: the case, its process instances, tasks
/// with their candidate groups and deadlines, and the journal.</summary>
internal sealed class CaseRows
{
    public required Case Case { get; init; }

    public List<InstanceRecord> Instances { get; } = [];

    public List<UserTaskRecord> Tasks { get; } = [];

    public List<TaskCandidate> Candidates { get; } = [];

    public List<DeadlineRecord> Deadlines { get; } = [];

    public List<JournalRecord> Journal { get; } = [];
}

/// <summary>
/// A year of cases made set-wise, without the engine (the seed command runs every step through it at ~15 cases/s):
/// each case is reported (hotline 60 %, app 25 %, grid inspectors 15 %), accepted by its department (5 % returned
/// first and accepted by a second one), handled, verified (6 % fail and are handled again), and called back. Step
/// durations are log-normal in working time around a share of each category's limit; the slow units
/// (<see cref="SlowUnits"/>) take 2.2× as long. 3 % of the cases, reported in the last weeks, are still open. Journal
/// rows follow the engine's pattern (instance start/end, node entered/completed, flows, task created/claimed/completed),
/// about 40 per case. Deterministic for a seed.
/// </summary>
internal sealed class SyntheticHistory(BusinessCalendar calendar, int seed)
{
    public static readonly string[] SlowUnits = ["D02-chengguan", "D01-shuiwu"];

    private static readonly string[] DepartmentTypes = ["chengguan", "shuiwu", "jiaotong", "huanbao", "zhujian"];
    private static readonly string[] HandleLimits = ["P3D", "P5D", "P5D", "P10D"];

    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _yearStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly DurationLimits _limits = new(calendar);
    private int _number;

    /// <summary>Cases one after another until <paramref name="journalRows"/> journal rows are made.</summary>
    public IEnumerable<CaseRows> Cases(long journalRows)
    {
        var made = 0L;
        while (made < journalRows)
        {
            var rows = Next();
            made += rows.Journal.Count;
            yield return rows;
        }
    }

    private CaseRows Next()
    {
        _number++;
        var district = _random.Next(1, 7);
        var type = _random.Next(DepartmentTypes.Length);
        var unit = $"D{district:00}-{DepartmentTypes[type]}";
        var category = $"{(char)('A' + type)}{_random.Next(1, 3):00}{_random.Next(1, 5):00}";
        var channel = Pick(0.60, 0.85) switch { 0 => Channel.Hotline12345, 1 => Channel.CitizenApp, _ => Channel.GridInspector };
        var day = _random.Next(365);
        var reported = _yearStart.AddDays(day).AddHours(8 + (_random.NextDouble() * 12));
        var slow = SlowUnits.Contains(unit) ? 2.2 : 1.0;
        var number = string.Create(CultureInfo.InvariantCulture, $"TG2025-{_number:0000000}");
        var @case = new Case
        {
            Id = Guid.NewGuid(),
            Number = number,
            Status = CaseStatus.Closed,
            CategoryCode = category,
            Channel = channel,
            Urgency = Urgency.Normal,
            Description = "合成案件",
            Latitude = 30.25,
            Longitude = 120.16,
            StreetId = $"D{district:00}-S{_random.Next(1, 6):00}",
            DistrictId = $"D{district:00}",
            ResponsibleUnitId = unit,
            ReportCount = 1,
            ReportedAt = reported,
            LastReportedAt = reported,
            CreatedAt = reported,
            FiledAt = reported,
            UpdatedAt = reported,
        };
        var rows = new CaseRows { Case = @case };
        var intake = Instance(rows, "case-intake", null, reported);
        @case.InstanceId = intake.Id;
        Journal(rows, intake, "start", "startEvent", reported, JournalEventType.NodeEntered, JournalEventType.NodeCompleted, JournalEventType.FlowTaken);
        Journal(rows, intake, "classify", "serviceTask", reported, JournalEventType.NodeEntered, JournalEventType.NodeCompleted, JournalEventType.FlowTaken);
        Journal(rows, intake, "dispatch", "callActivity", reported, JournalEventType.NodeEntered);

        // Dispatch: accept within hours (a return first, sometimes, from the wrong department).
        var dispatch = Instance(rows, "case-dispatch", intake, reported);
        var at = reported.AddMinutes(2 + (_random.NextDouble() * 10));
        var acceptLimit = channel == Channel.Hotline12345 ? "PT2H" : "PT4H";
        if (_random.NextDouble() < 0.05)
        {
            var wrong = $"D{(district % 6) + 1:00}-{DepartmentTypes[type]}";
            at = Task(rows, dispatch, "accept", $"dispatcher@{wrong}", at, acceptLimit, CalendarKind.Business, LogNormal(0.4, 0.8), returned: true);
            @case.Returns = 1;
        }

        at = Task(rows, dispatch, "accept", $"dispatcher@{unit}", at, acceptLimit, CalendarKind.Business, LogNormal(0.5 * slow, 0.8), returned: false);
        End(rows, dispatch, at);

        // Still open: the last weeks of the year leave some cases in handling.
        var open = day > 340 && _random.NextDouble() < 0.4;
        var handling = Instance(rows, "case-handling", intake, at);
        var handleLimit = HandleLimits[(category[2] - '0' + category[4] - '0') % HandleLimits.Length];
        var rework = _random.NextDouble() < 0.06;
        for (var round = 0; round < (rework ? 2 : 1); round++)
        {
            var handleHours = LogNormal(_limits.Hours(handleLimit) * 0.35 * slow, 0.6);
            if (open && round == 0)
            {
                OpenTask(rows, handling, "handle", $"handler@{unit}", at, handleLimit);
                @case.Status = CaseStatus.Handling;
                handling.Status = InstanceStatus.Running;
                intake.Status = InstanceStatus.Running;
                return rows;
            }

            at = Task(rows, handling, "handle", $"handler@{unit}", at, handleLimit, CalendarKind.Business, handleHours, returned: false);
            at = Task(rows, handling, "verify", $"inspector@{@case.StreetId}", at, "P1D", CalendarKind.Business, LogNormal(2.5, 0.7), returned: false);
        }

        @case.Reworks = rework ? 1 : 0;
        End(rows, handling, at);
        var callback = Instance(rows, "citizen-callback", intake, at);
        at = Task(rows, callback, "callback", "callback@hotline", at, "P2D", CalendarKind.Natural, LogNormal(10, 0.8), returned: false);
        End(rows, callback, at);
        Journal(rows, intake, "dispatch", "callActivity", at, JournalEventType.NodeCompleted, JournalEventType.FlowTaken);
        Journal(rows, intake, "close", "serviceTask", at, JournalEventType.NodeEntered, JournalEventType.NodeCompleted, JournalEventType.FlowTaken);
        End(rows, intake, at);
        @case.ClosedAt = at;
        @case.UpdatedAt = at;
        @case.Satisfaction = Pick(0.65, 0.85, 0.93) switch { 0 => "satisfied", 1 => "basicallySatisfied", 2 => "unsatisfied", _ => null };
        return rows;
    }

    private static InstanceRecord Instance(CaseRows rows, string process, InstanceRecord? parent, DateTimeOffset at)
    {
        var instance = new InstanceRecord
        {
            Id = Guid.NewGuid(),
            DefinitionId = Guid.Empty,
            DefinitionKey = process,
            DefinitionVersion = 1,
            BusinessKey = rows.Case.Number,
            Status = InstanceStatus.Completed,
            ParentInstanceId = parent?.Id,
            StartedAt = at,
            StateJson = "{}",
        };
        rows.Instances.Add(instance);
        Journal(rows, instance, null, null, at, JournalEventType.InstanceStarted);
        return instance;
    }

    private static void End(CaseRows rows, InstanceRecord instance, DateTimeOffset at)
    {
        instance.EndedAt = at;
        Journal(rows, instance, "end", "endEvent", at, JournalEventType.NodeEntered, JournalEventType.NodeCompleted);
        Journal(rows, instance, null, null, at, JournalEventType.InstanceCompleted);
    }

    /// <summary>A completed task taking <paramref name="hours"/> of working (or elapsed) time; returns its end.</summary>
    private DateTimeOffset Task(
        CaseRows rows, InstanceRecord instance, string node, string group, DateTimeOffset created, string limit, CalendarKind kind, double hours, bool returned)
    {
        var duration = TimeSpan.FromSeconds(Math.Round(hours * 3600));
        var completed = kind == CalendarKind.Business ? calendar.AddBusinessTime(created, duration) : created + duration;
        var claimed = created + ((completed - created) * (0.1 + (_random.NextDouble() * 0.3)));
        var task = AddTask(rows, instance, node, group, created, limit, kind);
        task.Status = UserTaskStatus.Completed;
        task.EndedAt = completed;
        task.Assignee = $"user-{group}";
        task.CompletedBy = task.Assignee;
        rows.Candidates[^1].TaskEnded = true;
        var deadline = rows.Deadlines[^1];
        deadline.Status = DeadlineStatus.Completed;
        deadline.CompletedAt = completed;
        if (completed > deadline.DueAt)
        {
            deadline.BreachedAt = deadline.DueAt;
            deadline.CompletedLate = true;
        }

        Journal(rows, instance, node, "userTask", claimed, JournalEventType.TaskClaimed, detail: task.Id);
        var data = returned ? "{\"decision\":\"return\"}" : null;
        rows.Journal.Add(Entry(instance, node, "userTask", completed, JournalEventType.TaskCompleted, task.Id, data));
        Journal(rows, instance, node, "userTask", completed, JournalEventType.NodeCompleted, JournalEventType.FlowTaken);
        Journal(rows, instance, "gateway", "exclusiveGateway", completed, JournalEventType.NodeEntered, JournalEventType.NodeCompleted, JournalEventType.FlowTaken);
        return completed;
    }

    private void OpenTask(CaseRows rows, InstanceRecord instance, string node, string group, DateTimeOffset created, string limit) =>
        AddTask(rows, instance, node, group, created, limit, CalendarKind.Business).Status = UserTaskStatus.Open;

    private UserTaskRecord AddTask(CaseRows rows, InstanceRecord instance, string node, string group, DateTimeOffset created, string limit, CalendarKind kind)
    {
        var task = new UserTaskRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            InstanceId = instance.Id,
            DefinitionKey = instance.DefinitionKey,
            DefinitionVersion = 1,
            BusinessKey = instance.BusinessKey,
            NodeId = node,
            Name = node,
            FormKey = node,
            CreatedAt = created,
        };
        rows.Tasks.Add(task);
        rows.Candidates.Add(new TaskCandidate { TaskId = task.Id, Kind = CandidateKind.Group, Value = group });
        var length = _limits.Length(limit, kind);
        var due = kind == CalendarKind.Business ? calendar.AddBusinessTime(created, length) : created + length;
        rows.Deadlines.Add(new DeadlineRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = instance.Id,
            BookmarkId = task.Id,
            NodeId = node,
            DefinitionKey = instance.DefinitionKey,
            BusinessKey = instance.BusinessKey,
            StartedAt = created,
            WarningAt = created + ((due - created) * 0.8),
            DueAt = due,
            Limit = limit,
            CalendarKind = kind,
            Status = DeadlineStatus.Pending,
        });
        Journal(rows, instance, node, "userTask", created, JournalEventType.NodeEntered);
        rows.Journal.Add(Entry(instance, node, "userTask", created, JournalEventType.TaskCreated, task.Id, null));
        return task;
    }

    private static void Journal(CaseRows rows, InstanceRecord instance, string? node, string? type, DateTimeOffset at, params JournalEventType[] events)
    {
        foreach (var e in events)
        {
            rows.Journal.Add(Entry(instance, node, type, at, e, null, null));
        }
    }

    private static void Journal(CaseRows rows, InstanceRecord instance, string node, string type, DateTimeOffset at, JournalEventType e, string detail) =>
        rows.Journal.Add(Entry(instance, node, type, at, e, detail, null));

    private static JournalRecord Entry(InstanceRecord instance, string? node, string? type, DateTimeOffset at, JournalEventType e, string? detail, string? data) => new()
    {
        InstanceId = instance.Id,
        DefinitionKey = instance.DefinitionKey,
        DefinitionVersion = 1,
        BusinessKey = instance.BusinessKey,
        NodeId = node,
        NodeType = type,
        EventType = e,
        At = at,
        ActorId = "engine",
        Detail = detail,
        DataJson = data,
    };

    /// <summary>Log-normal with the given median (hours) and spread.</summary>
    private double LogNormal(double median, double sigma)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Max(0.05, median * Math.Exp(sigma * normal));
    }

    /// <summary>The index of the first cumulative share the draw falls under, or the count of shares.</summary>
    private int Pick(params double[] cumulative)
    {
        var draw = _random.NextDouble();
        var i = 0;
        while (i < cumulative.Length && draw >= cumulative[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>Limit lengths as the deadline service counts them (a business day is the calendar's working day).</summary>
    private sealed class DurationLimits(BusinessCalendar calendar)
    {
        private readonly Sla.Mining.DurationMeter _meter = new(calendar);

        public TimeSpan Length(string limit, CalendarKind kind) => _meter.LengthOf(limit, kind);

        public double Hours(string limit) => _meter.LengthOf(limit, CalendarKind.Business).TotalHours;
    }
}
