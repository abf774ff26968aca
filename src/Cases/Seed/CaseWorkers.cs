using System.Text.Json.Nodes;
using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Seed;

/// <summary>What a worker will do with an open task, and when.</summary>
internal sealed record PlannedWork(DateTimeOffset At, Actor Actor, JsonObject Output);

/// <summary>What the workers know about the case a task belongs to (read from the case row).</summary>
internal sealed record CaseContext(string Number, string CategoryCode, string? DistrictId, string? ResponsibleUnitId, int Returns, string? Suggestion);

/// <summary>
/// The people of the city doing their part: for an open task, a user of its candidate group (or the group itself
/// where the reference data names nobody), a decision drawn with the year's rates, and a completion time. Time taken
/// is a log-normal share of the step's limit in business time (so a P5D step takes longer than a PT4H one), times a
/// fixed pace of the unit; the slow units take <see cref="SlowFactor"/> times longer to accept, handle and co-handle.
/// </summary>
internal sealed class CaseWorkers(ReferenceDataSnapshot data, BusinessCalendar calendar, TimeLimitCalculator limits, SeedSettings settings)
{
    public const double SlowFactor = 2.5;
    public const double ReturnRate = 0.05;
    public const double ReworkRate = 0.08;
    public const double UnsatisfiedRate = 0.07;
    public const double BasicallySatisfiedRate = 0.20;
    public const double CoHandlingRate = 0.02;

    /// <summary>Per step: the limit when the category sets none (the BPMN default), the median share of it, spread.</summary>
    private static readonly Dictionary<string, (string Limit, double Median, double Sigma)> Steps = new(StringComparer.Ordinal)
    {
        ["review"] = ("PT2H", 0.3, 0.5),
        ["dispatch"] = ("PT2H", 0.3, 0.5),
        ["accept"] = ("PT4H", 0.25, 0.6),
        ["handle"] = ("P3D", 0.35, 0.5),
        ["verify"] = ("P1D", 0.35, 0.5),
        ["summon"] = ("P1D", 0.3, 0.5),
        ["coHandle"] = ("P2D", 0.4, 0.5),
        ["callback"] = ("P2D", 0.3, 0.5),
        ["decide"] = ("P1D", 0.3, 0.5),
    };

    private static readonly string[] Results =
    [
        "已安排人员到场处置完毕。", "已清理完毕，现场恢复正常。", "已联系责任单位整改到位。", "已维修完成并拍照留存。", "已劝离并加强巡查。",
    ];

    private readonly Dictionary<string, double> _pace = new(StringComparer.Ordinal);

    /// <summary>The unit whose officers hold the task (from its <c>officer@unit</c> group), or null.</summary>
    public static string? UnitOf(UserTaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        foreach (var candidate in task.Candidates)
        {
            if (candidate.Kind == CandidateKind.Group && CandidateGroup.TryParse(candidate.Value, out var group) && group.Value.Role == Roles.Officer)
            {
                return group.Value.OrgUnitId;
            }
        }

        return null;
    }

    public PlannedWork Plan(UserTaskRecord task, CaseContext context, JsonObject variables, Random random)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(random);
        var category = data.FindCategory(context.CategoryCode);
        var unit = UnitOf(task);
        var output = task.NodeId switch
        {
            "review" => Review(context, random),
            "dispatch" => new JsonObject { ["unitId"] = OtherUnit(context, context.Returns > 0 ? context.ResponsibleUnitId : null, random), ["note"] = "按职责派遣。" },
            "accept" => random.NextDouble() < ReturnRate
                ? new JsonObject { ["decision"] = "return", ["reason"] = "不属于本单位职责范围，请重新派遣。" }
                : new JsonObject { ["decision"] = "accept" },
            "handle" => random.NextDouble() < CoHandlingRate && Departments(context, unit, random) is { Count: > 0 } departments
                ? new JsonObject { ["outcome"] = "coHandle", ["departments"] = departments, ["note"] = "涉及多个部门，请街道吹哨。" }
                : new JsonObject { ["outcome"] = "done", ["result"] = Results[random.Next(Results.Length)] },
            "summon" => new JsonObject
            {
                ["departments"] = variables["departments"] is JsonArray asked && asked.Count > 0 ? asked.DeepClone() : Departments(context, null, random),
                ["note"] = "请各部门到场协同处置。",
            },
            "coHandle" => new JsonObject { ["result"] = "本部门已到场协同处置完毕。" },
            "verify" => random.NextDouble() < ReworkRate
                ? new JsonObject { ["verified"] = false, ["remarks"] = "现场问题仍未解决，需返工。" }
                : new JsonObject { ["verified"] = true, ["remarks"] = "现场核查已解决。" },
            "callback" => Callback(random),
            "decide" => Decide(context, random),
            _ => new JsonObject(),
        };

        var at = CompletionTime(task, category, unit, random);
        return new PlannedWork(at, ActorFor(task, random), output);
    }

    private static JsonObject Review(CaseContext context, Random random)
    {
        var roll = random.NextDouble();
        if (context.Suggestion is { } target && roll < 0.8)
        {
            return new JsonObject { ["decision"] = "merge", ["mergeInto"] = target };
        }

        return roll > 0.9
            ? new JsonObject { ["decision"] = "reject", ["reason"] = "不属于政务服务受理范围。" }
            : new JsonObject { ["decision"] = "file" };
    }

    private static JsonObject Callback(Random random)
    {
        var roll = random.NextDouble();
        var satisfaction = roll < UnsatisfiedRate ? "unsatisfied" : roll < UnsatisfiedRate + BasicallySatisfiedRate ? "basicallySatisfied" : "satisfied";
        return new JsonObject { ["satisfaction"] = satisfaction, ["comment"] = satisfaction == "unsatisfied" ? "问题没有真正解决。" : "处理及时。" };
    }

    private JsonObject Decide(CaseContext context, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.2)
        {
            return new JsonObject { ["decision"] = "reassign", ["unitId"] = OtherUnit(context, context.ResponsibleUnitId, random), ["note"] = "改派其他单位办理。" };
        }

        if (roll < 0.3 && Departments(context, context.ResponsibleUnitId, random) is { Count: > 0 } departments)
        {
            return new JsonObject { ["decision"] = "summon", ["departments"] = departments, ["note"] = "请相关部门报到协同处置。" };
        }

        return new JsonObject { ["decision"] = "urge", ["note"] = "请抓紧办理，按时办结。" };
    }

    /// <summary>A unit that can take the case: its category's department in its district or the City, else its district.</summary>
    private string OtherUnit(CaseContext context, string? avoid, Random random)
    {
        var type = data.FindCategory(context.CategoryCode)?.DepartmentType;
        var options = new List<string>();
        foreach (var area in new[] { context.DistrictId, data.City.Id })
        {
            if (area is not null && type is not null && data.DepartmentOf(type, area) is { } department && department.Id != avoid)
            {
                options.Add(department.Id);
            }
        }

        if (options.Count == 0)
        {
            options.Add(context.DistrictId is { } district && district != avoid ? district : data.City.Id);
        }

        return options[random.Next(options.Count)];
    }

    /// <summary>One or two departments of the case's district (or the City) other than the unit handling it.</summary>
    private JsonArray Departments(CaseContext context, string? except, Random random)
    {
        var area = context.DistrictId ?? data.City.Id;
        var candidates = data.Children(area)
            .Where(u => u.Level == OrgLevel.Department && u.DepartmentType is not ("command" or "hotline") && u.Id != except)
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .ToList();
        var picked = new JsonArray();
        var count = Math.Min(candidates.Count, 1 + random.Next(2));
        for (var i = 0; i < count; i++)
        {
            var index = random.Next(candidates.Count);
            picked.Add(candidates[index].Id);
            candidates.RemoveAt(index);
        }

        return picked;
    }

    private Actor ActorFor(UserTaskRecord task, Random random)
    {
        var group = task.Candidates.Where(c => c.Kind == CandidateKind.Group).Select(c => c.Value).OrderBy(v => v, StringComparer.Ordinal).FirstOrDefault();
        if (group is not null && CandidateGroup.TryParse(group, out var parsed) && data.UsersIn(parsed.Value) is { Count: > 0 } users)
        {
            var user = users[random.Next(users.Count)];
            return new Actor(user.Id, user.Name);
        }

        // A unit the reference data names no one in still does its work: the journal shows the group.
        return new Actor(group ?? "seed", "synthetic worker");
    }

    private DateTimeOffset CompletionTime(UserTaskRecord task, Category? category, string? unit, Random random)
    {
        var (defaultLimit, median, sigma) = Steps.GetValueOrDefault(task.NodeId, ("P1D", 0.3, 0.5));
        var limit = task.NodeId switch
        {
            "accept" when category is not null => category.StepLimits.Accept.ToTimeLimit(),
            "handle" when category is not null => category.StepLimits.Handle.ToTimeLimit(),
            "verify" when category is not null => category.StepLimits.Verify.ToTimeLimit(),
            _ => new TimeLimit(defaultLimit, CalendarKind.Business, null),
        };
        var start = task.CreatedAt;
        var schedule = limits.Calculate(limit, start);
        var share = median * Math.Exp(sigma * Gaussian(random));
        if (unit is not null)
        {
            share *= Pace(unit);
            if (settings.SlowUnits.Contains(unit) && task.NodeId is "accept" or "handle" or "coHandle")
            {
                share *= SlowFactor;
            }
        }

        if (limit.Calendar == CalendarKind.Natural)
        {
            return start + ((schedule.Due - start) * share);
        }

        var working = calendar.ElapsedBusinessTime(start, schedule.Due) * share;
        // At least a minute: nobody completes a task in the instant it opens.
        return calendar.AddBusinessTime(start, working < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : working);
    }

    /// <summary>A unit's own steady pace (0.8–1.25): units differ a little even when none is slow.</summary>
    private double Pace(string unit)
    {
        if (!_pace.TryGetValue(unit, out var pace))
        {
            var random = new Random(StableSeeds.Mix(settings.Seed, StableSeeds.Of(unit), 7));
            pace = Math.Exp(0.1 * Math.Clamp(Gaussian(random), -2.2, 2.2));
            _pace[unit] = pace;
        }

        return pace;
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
