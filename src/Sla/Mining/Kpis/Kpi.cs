namespace Tongguan.Sla.Mining.Kpis;

/// <summary>The performance measures of 考核问效 (Beijing 12345's "three rates" and the deadline measures).</summary>
public enum Kpi
{
    ResponseRate,
    ResolutionRate,
    SatisfactionRate,
    OnTimeCompletionRate,
    OverdueRate,
    ReworkRate,
    MedianHandlingTime,
    P90HandlingTime,
}

public enum KpiUnit
{
    /// <summary>A share between 0 and 1: numerator ÷ denominator.</summary>
    Ratio,

    /// <summary>Working hours of the business calendar; the denominator is the number of cases measured.</summary>
    WorkingHours,
}

/// <summary>What a KPI counts, in the words an auditor checks it by (docs/auditors/kpis.md says the same).</summary>
public sealed record KpiDefinition(
    Kpi Kpi,
    string NameEn,
    string NameZh,
    KpiUnit Unit,
    bool HigherIsBetter,
    string DefinitionEn,
    string DefinitionZh);

/// <summary>The definitions of every <see cref="Kpi"/>; one shared instance each.</summary>
public static class KpiDefinitions
{
    public static readonly IReadOnlyList<KpiDefinition> All =
    [
        new(
            Kpi.ResponseRate,
            "Response rate",
            "响应率",
            KpiUnit.Ratio,
            HigherIsBetter: true,
            "Cases first responded to on time ÷ cases reported in the period. A first response is the case being accepted "
            + "(受理) or the citizen contacted; it is on time when it is at or before the response due time, and any response "
            + "counts when the case has no response limit. Excluded from both: cases not yet responded to whose response is "
            + "not yet due at the report's as-of instant.",
            "按时首次响应（受理或联系诉求人）的案件数 ÷ 本期上报的案件数。首次响应不晚于响应时限即为按时；无响应时限的案件有响应即计入分子。"
            + "分子分母均不含：截至统计时点尚未响应且响应时限未到的案件。"),
        new(
            Kpi.ResolutionRate,
            "Resolution rate",
            "解决率",
            KpiUnit.Ratio,
            HigherIsBetter: true,
            "Closed cases marked resolved ÷ closed cases reported in the period. Open cases are excluded from both.",
            "已结案且问题已解决的案件数 ÷ 本期上报且已结案的案件数。未结案件不计入分子分母。"),
        new(
            Kpi.SatisfactionRate,
            "Satisfaction rate",
            "满意率",
            KpiUnit.Ratio,
            HigherIsBetter: true,
            "Cases rated satisfied or basically satisfied ÷ cases rated at all (satisfied, basically satisfied or "
            + "unsatisfied). Unrated cases are excluded from both.",
            "评价为满意或基本满意的案件数 ÷ 有评价的案件数（满意、基本满意、不满意）。未评价的案件不计入分子分母。"),
        new(
            Kpi.OnTimeCompletionRate,
            "On-time completion rate",
            "按期办结率",
            KpiUnit.Ratio,
            HigherIsBetter: true,
            "Closed cases that never passed their due time (after approved extensions and suspensions) ÷ closed cases "
            + "reported in the period. Open cases are excluded from both.",
            "未超过办理时限（按批准的延期、挂起调整后）办结的案件数 ÷ 本期上报且已结案的案件数。未结案件不计入分子分母。"),
        new(
            Kpi.OverdueRate,
            "Overdue rate",
            "超期率",
            KpiUnit.Ratio,
            HigherIsBetter: false,
            "Cases that passed their due time while open — closed late, or still open and past due when the data was "
            + "read — ÷ all cases reported in the period, open and closed.",
            "超过办理时限的案件数（超期办结及超期未结）÷ 本期上报的全部案件数（含未结案件）。"),
        new(
            Kpi.ReworkRate,
            "Rework rate",
            "返工率",
            KpiUnit.Ratio,
            HigherIsBetter: false,
            "Closed cases whose handling was reopened at least once (failed verification or an unhappy citizen) ÷ closed "
            + "cases reported in the period. Open cases are excluded from both.",
            "办理中至少返工一次（核查不通过或诉求人不满意重办）的已结案件数 ÷ 本期上报且已结案的案件数。未结案件不计入分子分母。"),
        new(
            Kpi.MedianHandlingTime,
            "Median handling time",
            "办理时长中位数",
            KpiUnit.WorkingHours,
            HigherIsBetter: false,
            "Median of the working time from the first report to closing, in working hours of the business calendar, "
            + "suspensions excluded, over the closed cases reported in the period (the denominator; there is no "
            + "numerator). Exact, interpolated between the two nearest ranks. Open cases are excluded.",
            "本期上报且已结案的案件从首次上报到结案的工作时长（按工作日历计，扣除挂起时间，单位：工作小时）的中位数；分母为参与计算的已结案件数，"
            + "无分子。精确计算，在相邻两个秩之间线性插值。未结案件不计入。"),
        new(
            Kpi.P90HandlingTime,
            "90th percentile handling time",
            "办理时长90分位数",
            KpiUnit.WorkingHours,
            HigherIsBetter: false,
            "90th percentile of the working time from the first report to closing, in working hours, suspensions "
            + "excluded, over the closed cases reported in the period (the denominator; there is no numerator). Exact, "
            + "interpolated between the two nearest ranks. Open cases are excluded.",
            "本期上报且已结案的案件从首次上报到结案的工作时长（扣除挂起时间，单位：工作小时）的90分位数；分母为参与计算的已结案件数，无分子。"
            + "精确计算，在相邻两个秩之间线性插值。未结案件不计入。"),
    ];

    public static KpiDefinition Of(Kpi kpi) => All[(int)kpi];
}

/// <summary>
/// One KPI of one group: <see cref="Value"/> is <see cref="Numerator"/> ÷ <see cref="Denominator"/> for ratios and
/// working hours for handling times (whose <see cref="Numerator"/> is null). Null value when nothing was counted.
/// </summary>
public sealed record KpiValue(KpiDefinition Definition, double? Value, long? Numerator, long Denominator)
{
    public Kpi Kpi => Definition.Kpi;

    public static KpiValue Ratio(Kpi kpi, long numerator, long denominator) =>
        new(KpiDefinitions.Of(kpi), denominator == 0 ? null : (double)numerator / denominator, numerator, denominator);
}
