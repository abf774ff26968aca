using System.Globalization;
using Tongguan.Cases.Model;
using Tongguan.Cases.UI.Localization;

namespace Tongguan.Cases.UI.CommandCentre;

/// <summary>The command-centre screen's text in one language (see <see cref="UiCultures"/>).</summary>
public sealed record CommandCentreText(
    string CommandCentre,
    string Title,
    string Back,
    string UpdatedAt,
    string EverySeconds,
    string OpenCases,
    string OverdueNow,
    string ReportedToday,
    string ResponseRateToday,
    string OverdueRateToday,
    string OverdueAlerts,
    string NoOverdue,
    string OverdueFor,
    string Truncated,
    string Registered,
    string Filed,
    string Dispatched,
    string Handling,
    string Verifying,
    string Overdue,
    string Hours,
    string Minutes)
{
    public static readonly CommandCentreText English = new(
        CommandCentre: "Command centre",
        Title: "City operations command centre",
        Back: "Back",
        UpdatedAt: "Updated",
        EverySeconds: "refreshes every {0} s",
        OpenCases: "Open cases",
        OverdueNow: "Overdue now",
        ReportedToday: "Reported today",
        ResponseRateToday: "Response rate today",
        OverdueRateToday: "Overdue rate today",
        OverdueAlerts: "Overdue alerts",
        NoOverdue: "No open case is past its deadline.",
        OverdueFor: "overdue {0}",
        Truncated: "Showing the {0} most recent of {1} open cases.",
        Registered: "Registered",
        Filed: "Filed",
        Dispatched: "Dispatched",
        Handling: "Handling",
        Verifying: "Verifying",
        Overdue: "Overdue",
        Hours: "h",
        Minutes: "min");

    public static readonly CommandCentreText Chinese = new(
        CommandCentre: "指挥中心",
        Title: "城市运行指挥中心",
        Back: "返回",
        UpdatedAt: "更新于",
        EverySeconds: "每 {0} 秒刷新",
        OpenCases: "在办案件",
        OverdueNow: "当前超期",
        ReportedToday: "今日上报",
        ResponseRateToday: "今日响应率",
        OverdueRateToday: "今日超期率",
        OverdueAlerts: "超期预警",
        NoOverdue: "没有超过时限的在办案件。",
        OverdueFor: "已超期 {0}",
        Truncated: "显示 {1} 件在办案件中最新的 {0} 件。",
        Registered: "受理",
        Filed: "立案",
        Dispatched: "派遣",
        Handling: "处置",
        Verifying: "核查",
        Overdue: "超期",
        Hours: "小时",
        Minutes: "分钟");

    public static CommandCentreText For(CultureInfo culture) => UiCultures.IsEnglish(culture) ? English : Chinese;

    public string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.Registered => Registered,
        CaseStatus.Filed => Filed,
        CaseStatus.Dispatched => Dispatched,
        CaseStatus.Handling => Handling,
        CaseStatus.Verifying => Verifying,
        _ => status.ToString(),
    };
}
