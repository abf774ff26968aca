using System.Globalization;
using Tongguan.Cases.UI.Localization;

namespace Tongguan.Cases.UI.Dispatch;

/// <summary>The dispatch queue's text in one language (see <see cref="UiCultures"/>).</summary>
public sealed record DispatchText(
    string Title,
    string Nav,
    string Intro,
    string Empty,
    string Case,
    string Category,
    string Place,
    string Waiting,
    string Due,
    string NoLimit,
    string DueIn,
    string OverdueBy,
    string Routing,
    string SuggestedUnit,
    string DispatcherDecides,
    string DispatchToSuggested,
    string OtherUnit,
    string ChooseUnit,
    string Reason,
    string ReasonRequired,
    string Note,
    string DispatchToChosen,
    string Dispatched,
    string SelectCase,
    string Returns,
    string Reports,
    string Adjustments,
    string ReturnToIntake)
{
    public static readonly DispatchText English = new(
        Title: "Dispatch queue",
        Nav: "Dispatch queue",
        Intro: "Cases no routing rule settles, and cases a unit returned, wait here for the command centre to choose the handling unit.",
        Empty: "No case is waiting for dispatch in your scope.",
        Case: "Case",
        Category: "Category",
        Place: "Place",
        Waiting: "Waiting",
        Due: "Dispatch limit",
        NoLimit: "no limit",
        DueIn: "due in {0}",
        OverdueBy: "overdue by {0}",
        Routing: "Routing suggestion",
        SuggestedUnit: "Suggested unit",
        DispatcherDecides: "The routing rules leave this case to the dispatcher.",
        DispatchToSuggested: "Dispatch to {0}",
        OtherUnit: "Or choose another unit",
        ChooseUnit: "Handling unit",
        Reason: "Reason for this unit",
        ReasonRequired: "Say why the case goes to another unit than the suggested one.",
        Note: "Dispatch note",
        DispatchToChosen: "Dispatch to the chosen unit",
        Dispatched: "Dispatched {0} to {1}.",
        SelectCase: "Select a case in the queue to see its place, the routing suggestion and to dispatch it.",
        Returns: "returned {0}×",
        Reports: "{0} reports",
        Adjustments: "Extension and suspension requests are approved from the task's deadline (POST /api/deadline-adjustments/{id}/approve or reject); the API does not list pending requests yet, so they are not shown here.",
        ReturnToIntake: "An invalid case cannot be sent back to intake from dispatch: the dispatch process has no such path. Dispatch it to a unit, which may return it with a reason.");

    public static readonly DispatchText Chinese = new(
        Title: "派遣队列",
        Nav: "派遣队列",
        Intro: "派单规则无法确定承办单位的案件、以及被退单的案件在此等待指挥中心派遣。",
        Empty: "您的范围内没有待派遣的案件。",
        Case: "案件",
        Category: "类别",
        Place: "位置",
        Waiting: "已等待",
        Due: "派遣时限",
        NoLimit: "无时限",
        DueIn: "剩余 {0}",
        OverdueBy: "已超时 {0}",
        Routing: "派单建议",
        SuggestedUnit: "建议单位",
        DispatcherDecides: "派单规则将此案件交由指挥中心人工派遣。",
        DispatchToSuggested: "派遣至 {0}",
        OtherUnit: "或选择其他单位",
        ChooseUnit: "承办单位",
        Reason: "改派理由",
        ReasonRequired: "派往建议单位以外的单位时，请填写理由。",
        Note: "派遣说明",
        DispatchToChosen: "派遣至所选单位",
        Dispatched: "已将 {0} 派遣至 {1}。",
        SelectCase: "在队列中选择一件案件，查看位置与派单建议并派遣。",
        Returns: "已退单 {0} 次",
        Reports: "{0} 条诉求",
        Adjustments: "延期与挂起申请在任务时限上审批（POST /api/deadline-adjustments/{id}/approve 或 reject）；接口尚不能列出待审批的申请，因此此处不显示。",
        ReturnToIntake: "派遣环节无法将无效案件退回受理：派遣流程没有此路径。请派遣至单位，由其说明理由退单。");

    public static DispatchText For(CultureInfo culture) => UiCultures.IsEnglish(culture) ? English : Chinese;

    public static DispatchText ForCurrentCulture => For(CultureInfo.CurrentUICulture);

    public static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);
}
