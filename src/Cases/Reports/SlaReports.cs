using Tongguan.Cases.ReferenceData;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.Mining.Bottlenecks;
using Tongguan.Sla.Mining.Kpis;
using Tongguan.Sla.Mining.Limits;

namespace Tongguan.Cases.Reports;

/// <summary>What a column of a report counts, in the words an auditor checks it by (docs/auditors/kpis.md).</summary>
public sealed record MeasureDefinition(string Name, string NameEn, string NameZh, string Unit, bool? HigherIsBetter, string Definition, string DefinitionZh)
{
    public static MeasureDefinition Of(KpiDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(SlaParameters.Camel(d.Kpi.ToString()), d.NameEn, d.NameZh, SlaParameters.Camel(d.Unit.ToString()), d.HigherIsBetter, d.DefinitionEn, d.DefinitionZh);
    }
}

/// <summary>One report: its rows (flat, so CSV and XLSX are the same table) and the definitions of what they count.</summary>
public sealed record SlaReport<TRow>(string Report, IReadOnlyList<MeasureDefinition> Definitions, IReadOnlyList<TRow> Rows);

public sealed record KpiRow(
    string Period, string? Department, string? District, string? Street, string? Category, string? Channel,
    string Kpi, double? Value, long? Numerator, long Denominator, string Unit);

public sealed record RankingRow(
    string Period, int Rank, string? Department, string? District, string? Street, string? Category, string? Channel,
    string Kpi, double? Value, long? Numerator, long Denominator);

public sealed record TrendRow(
    string? Department, string? District, string? Street, string? Category, string? Channel, string Period,
    string Kpi, double? Value, long? Numerator, long Denominator, double? Change);

public sealed record BottleneckRow(
    string List, int Rank, string? Process, string? Step, string? OrgUnit, string? DepartmentType, int Executions,
    double WaitingHours, double WorkingHours, double MeanWaitingHours, double MeanWorkingHours, double MeanHours,
    double? PeerMeanHours, int PeerRank, int Returns, int Reworks, int OverdueExecutions, double OverdueHours, double OverdueShare);

public sealed record RecommendationRow(
    string Process, string Step, string Category, string? OrgUnit, int SampleSize, string Calendar, string? CurrentLimit,
    double MedianHours, double P80Hours, double P90Hours, double P95Hours, double? CurrentBreachRate, double? CurrentLimitExceededRate,
    string RecommendedLimit, double RecommendedBreachRate, string Change, bool LimitTooTight, string Reason, string Notes);

/// <summary>Counts rows as a report reads them, for the progress of background jobs.</summary>
public sealed class ReadProgress
{
    private long _rows;

    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Rows the report will read, when it was counted first; null when unknown.</summary>
    public long? Total { get; set; }

    public void Advance() => Interlocked.Increment(ref _rows);

    /// <summary>All <paramref name="rows"/> read at once: a set-based query aggregates in the database and reports only when done.</summary>
    public void Finish(long rows)
    {
        Total = rows;
        Interlocked.Exchange(ref _rows, rows);
    }
}

/// <summary>How a report is computed: KPIs and recommendations can run set-wise in PostgreSQL or stream through the mining.</summary>
public enum SlaEvaluation
{
    /// <summary>Set-based where the provider supports it (PostgreSQL), streaming elsewhere.</summary>
    Auto,

    /// <summary>Every record streamed into the mining of Tongguan.Sla; any provider.</summary>
    Streaming,

    /// <summary>GROUP BY and percentile_cont in PostgreSQL (<see cref="SlaSetQueries"/>); PostgreSQL only.</summary>
    SetBased,
}

/// <summary>
/// Builds the SLA reports with the mining of Tongguan.Sla: from the streamed records, or — for KPIs and
/// recommendations on PostgreSQL — from the aggregates of <see cref="SlaSetQueries"/>, which give the same answers.
/// </summary>
public sealed class SlaReports(SlaRecords records, SlaSetQueries setQueries, BusinessCalendar calendar, ReferenceDataSnapshot data, TimeProvider clock)
{
    private static readonly IReadOnlyList<MeasureDefinition> s_kpiDefinitions = [.. KpiDefinitions.All.Select(MeasureDefinition.Of)];

    public static IReadOnlyList<MeasureDefinition> BottleneckDefinitions { get; } =
    [
        new("waitingHours", "Waiting time", "等待时长", "workingHours", false,
            "Working time from the task opening to an officer claiming it (the TaskClaimed journal event); zero when never claimed.",
            "从任务生成到办理人签收（日志中的认领事件）的工作时长；未认领的任务为零。"),
        new("workingHours", "Working time", "办理时长", "workingHours", false,
            "Working time from the claim (or the opening, when never claimed) to completion; open tasks up to the report instant.",
            "从认领（未认领则从生成）到完成的工作时长；未完成的任务计到统计时点。"),
        new("meanHours", "Mean time per execution", "平均每次时长", "workingHours", false,
            "(Waiting + working) ÷ executions of the step or org unit.", "（等待时长 + 办理时长）÷ 执行次数。"),
        new("peerMeanHours", "Peers' mean time", "同类单位平均时长", "workingHours", false,
            "For an org unit with a department type: the mean time per execution of the other units of the same type (peerRank 1 = slowest of its type).",
            "有部门类型的单位：同类型其他单位的平均每次时长（peerRank 为 1 表示同类中最慢）。"),
        new("overdueShare", "Share of overdue time", "超期时长占比", "ratio", false,
            "Waiting + working time spent in cases that ended overdue ÷ that time over all entries of the list; the ranking key.",
            "超期案件中花费的等待与办理时长 ÷ 本列表全部超期时长；排序依据。"),
    ];

    public static IReadOnlyList<MeasureDefinition> RecommendationDefinitions { get; } =
    [
        new("recommendedLimit", "Recommended limit", "建议时限", "iso8601", null,
            "The chosen quantile (default p90) of completed step durations plus a margin, rounded up, never looser than today's limit unless today's is too tight.",
            "已完成环节时长的分位数（默认90分位）加余量并向上取整；除非现行时限过紧，否则不放宽。"),
        new("recommendedBreachRate", "Breach rate it would have had", "建议时限下的超时率", "ratio", false,
            "Share of the same history that took longer than the recommended limit.", "同一历史中超过建议时限的比例。"),
    ];

    public async Task<SlaReport<KpiRow>> KpisAsync(SlaParameters p, ReadProgress? progress, CancellationToken cancellationToken)
    {
        var report = await KpiReportAsync(p, progress, cancellationToken).ConfigureAwait(false);
        var rows = report.Rows.SelectMany(r => r.Values.Select(v => new KpiRow(
            r.Period.ToString(), r.Group.OrgUnit, r.Group.District, r.Group.Street, r.Group.Category, r.Group.Channel,
            SlaParameters.Camel(v.Kpi.ToString()), v.Value, v.Numerator, v.Denominator, SlaParameters.Camel(v.Definition.Unit.ToString()))));
        return new("kpis", s_kpiDefinitions, [.. rows]);
    }

    public async Task<SlaReport<RankingRow>> RankingsAsync(SlaParameters p, ReadProgress? progress, CancellationToken cancellationToken)
    {
        var kpi = p.Kpi ?? throw new ArgumentException("A ranking needs a KPI.", nameof(p));
        var report = await KpiReportAsync(p, progress, cancellationToken).ConfigureAwait(false);
        var rows = report.Rankings(kpi, p.MinimumDenominator).SelectMany(r => r.Entries.Select(e => new RankingRow(
            r.Period.ToString(), e.Rank, e.Group.OrgUnit, e.Group.District, e.Group.Street, e.Group.Category, e.Group.Channel,
            SlaParameters.Camel(kpi.ToString()), e.Value.Value, e.Value.Numerator, e.Value.Denominator)));
        return new("rankings", [MeasureDefinition.Of(KpiDefinitions.Of(kpi))], [.. rows]);
    }

    public async Task<SlaReport<TrendRow>> TrendsAsync(SlaParameters p, ReadProgress? progress, CancellationToken cancellationToken)
    {
        var kpi = p.Kpi ?? throw new ArgumentException("A trend needs a KPI.", nameof(p));
        var report = await KpiReportAsync(p, progress, cancellationToken).ConfigureAwait(false);
        var rows = report.Trends(kpi).SelectMany(t => t.Points.Select(point => new TrendRow(
            t.Group.OrgUnit, t.Group.District, t.Group.Street, t.Group.Category, t.Group.Channel, point.Period.ToString(),
            SlaParameters.Camel(kpi.ToString()), point.Value.Value, point.Value.Numerator, point.Value.Denominator, point.Change)));
        return new("trends", [MeasureDefinition.Of(KpiDefinitions.Of(kpi))], [.. rows]);
    }

    public async Task<SlaReport<BottleneckRow>> BottlenecksAsync(SlaParameters p, ReadProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var overdue = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var c in records.CasesAsync(null, null, cancellationToken).ConfigureAwait(false))
        {
            if (c.Overdue)
            {
                overdue.Add(c.CaseId);
            }
        }

        if (progress is not null)
        {
            progress.Total = await records.CountStepsAsync(p.Process, p.From, p.To, interrupted: true, cancellationToken).ConfigureAwait(false);
        }

        var analysis = new BottleneckAnalysis(calendar);
        var report = await analysis.AnalyseAsync(
            Counted(records.StepsAsync(p.Process, p.From, p.To, interrupted: true, cancellationToken), progress),
            overdue,
            new BottleneckQuery(p.Process, p.From, p.To, clock.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);

        var units = report.OrgUnits.Select(u => (Entry: u, Type: data.FindOrgUnit(u.OrgUnit ?? "")?.DepartmentType)).ToList();
        var rows = report.Steps.Select(s => Row("step", s, null, null, 0)).ToList();
        foreach (var (entry, type) in units)
        {
            var peers = type is null ? [] : units.Where(o => o.Type == type && o.Entry.OrgUnit != entry.OrgUnit && o.Entry.Executions > 0).ToList();
            double? peerMean = peers.Count == 0 ? null : peers.Sum(o => o.Entry.Total.TotalHours) / peers.Sum(o => o.Entry.Executions);
            var peerRank = type is null ? 0 : 1 + peers.Count(o => Mean(o.Entry) > Mean(entry));
            rows.Add(Row("orgUnit", entry, type, peerMean, peerRank));
        }

        return new("bottlenecks", BottleneckDefinitions, rows);

        static double Mean(BottleneckEntry e) => e.Executions == 0 ? 0 : e.Total.TotalHours / e.Executions;

        static BottleneckRow Row(string list, BottleneckEntry e, string? type, double? peerMean, int peerRank) => new(
            list, e.Rank, e.ProcessKey, e.StepId, e.OrgUnit, type, e.Executions, e.Waiting.TotalHours, e.Working.TotalHours,
            e.MeanWaiting.TotalHours, e.MeanWorking.TotalHours, Mean(e), peerMean, peerRank, e.Returns, e.Reworks,
            e.OverdueExecutions, e.OverdueTime.TotalHours, e.OverdueShare);
    }

    public async Task<SlaReport<RecommendationRow>> RecommendationsAsync(SlaParameters p, ReadProgress? progress, CancellationToken cancellationToken)
    {
        var recommendations = await LimitRecommendationsAsync(p, SlaEvaluation.Auto, progress, cancellationToken).ConfigureAwait(false);
        var rows = recommendations.Select(r => new RecommendationRow(
            r.ProcessKey, r.StepId, r.Category, r.OrgUnit, r.SampleSize, r.Calendar.ToString(), r.CurrentLimit,
            r.Median.TotalHours, r.P80.TotalHours, r.P90.TotalHours, r.P95.TotalHours, r.CurrentBreachRate, r.CurrentLimitExceededRate,
            r.RecommendedLimit, r.RecommendedBreachRate, r.Change.ToString(), r.LimitTooTight, r.Reason,
            string.Join(" | ", r.Notes.Select(n => n.Message))));
        return new("recommendations", RecommendationDefinitions, [.. rows]);
    }

    /// <summary>The limit recommendations of <paramref name="p"/>, computed the way <paramref name="evaluation"/> says.</summary>
    /// <exception cref="InvalidOperationException">Set-based evaluation asked for on a provider other than PostgreSQL.</exception>
    public async Task<IReadOnlyList<LimitRecommendation>> LimitRecommendationsAsync(
        SlaParameters p,
        SlaEvaluation evaluation,
        ReadProgress? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var options = new LimitRecommenderOptions();
        var recommender = new LimitRecommender(calendar, options);
        if (SetBased(evaluation))
        {
            var recommendations = await setQueries.RecommendationsAsync(p.Process, p.From, p.To, recommender, options, cancellationToken).ConfigureAwait(false);
            progress?.Finish(recommendations.Where(r => r.OrgUnit is null).Sum(r => (long)r.SampleSize));
            return recommendations;
        }

        if (progress is not null)
        {
            progress.Total = await records.CountStepsAsync(p.Process, p.From, p.To, interrupted: false, cancellationToken).ConfigureAwait(false);
        }

        return await recommender.RecommendAsync(
            Counted(records.StepsAsync(p.Process, p.From, p.To, interrupted: false, cancellationToken), progress), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The KPI report of <paramref name="p"/>, computed the way <paramref name="evaluation"/> says.</summary>
    /// <exception cref="InvalidOperationException">Set-based evaluation asked for on a provider other than PostgreSQL.</exception>
    public async Task<KpiReport> KpiReportAsync(SlaParameters p, SlaEvaluation evaluation, ReadProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(p);
        var query = new KpiQuery(p.By, p.Period, clock.GetUtcNow(), p.From, p.To);
        if (SetBased(evaluation))
        {
            var report = await setQueries.KpisAsync(query, cancellationToken).ConfigureAwait(false);
            progress?.Finish(report.Rows.Sum(r => r.Get(Kpi.OverdueRate).Denominator));
            return report;
        }

        if (progress is not null)
        {
            progress.Total = await records.CountCasesAsync(p.From, p.To, cancellationToken).ConfigureAwait(false);
        }

        return await new KpiCalculator(calendar)
            .CalculateAsync(Counted(records.CasesAsync(p.From, p.To, cancellationToken), progress), query, cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<KpiReport> KpiReportAsync(SlaParameters p, ReadProgress? progress, CancellationToken cancellationToken) =>
        KpiReportAsync(p, SlaEvaluation.Auto, progress, cancellationToken);

    private bool SetBased(SlaEvaluation evaluation) => evaluation switch
    {
        SlaEvaluation.Streaming => false,
        SlaEvaluation.SetBased => setQueries.Supported
            ? true
            : throw new InvalidOperationException("Set-based SLA queries are written for PostgreSQL; this database streams."),
        _ => setQueries.Supported,
    };

    private static async IAsyncEnumerable<T> Counted<T>(IAsyncEnumerable<T> rows, ReadProgress? progress)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            progress?.Advance();
            yield return row;
        }
    }
}
