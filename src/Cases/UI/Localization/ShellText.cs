using System.Globalization;

namespace Tongguan.Cases.UI.Localization;

/// <summary>The application shell's text in one language (see <see cref="UiCultures"/>).</summary>
public sealed record ShellText(
    string AppName,
    string Home,
    string WorkflowEditor,
    string Language,
    string SwitchLanguage,
    string Welcome,
    string WelcomeDetail,
    string Open,
    string EditorDetail,
    string InboxDetail,
    string IntakeDetail,
    string DispatchDetail,
    string ReportsDetail,
    string CommandCentreDetail,
    string CitizenPortal,
    string PortalDetail,
    string NotFound,
    string SignIn,
    string SignOut,
    string UserName,
    string Password,
    string WrongPassword,
    string LockedOut,
    string AccessDenied)
{
    public static readonly ShellText English = new(
        AppName: "Tongguan",
        Home: "Home",
        WorkflowEditor: "Workflow editor",
        Language: "English",
        SwitchLanguage: "中文",
        Welcome: "Unified city case handling",
        WelcomeDetail: "Every report becomes one case, handled by one versioned process under one clock.",
        Open: "Open",
        EditorDetail: "Design, validate, compare and publish the handling processes; follow a running instance.",
        InboxDetail: "Your and your groups' tasks with their due colours: claim, complete, return, ask for time.",
        IntakeDetail: "Register a report from any channel, see likely duplicates on the map, merge or file.",
        DispatchDetail: "Cases waiting for a responsible unit, with the routing suggestion and why.",
        ReportsDetail: "KPIs, rankings, bottlenecks and time-limit recommendations, with exports.",
        CommandCentreDetail: "The big screen: open cases on the map, today's figures and overdue alerts, live.",
        CitizenPortal: "Citizen portal",
        PortalDetail: "What citizens see: report a problem, follow it with the tracking code, rate the result.",
        NotFound: "There is no page at this address.",
        SignIn: "Sign in",
        SignOut: "Sign out",
        UserName: "User name",
        Password: "Password",
        WrongPassword: "The user name or password is wrong.",
        LockedOut: "Too many failed attempts: the account is locked for a while.",
        AccessDenied: "Your roles do not open this page.");

    public static readonly ShellText Chinese = new(
        AppName: "统管",
        Home: "首页",
        WorkflowEditor: "流程设计器",
        Language: "中文",
        SwitchLanguage: "English",
        Welcome: "一网统管 · 城市案件统一处置",
        WelcomeDetail: "每一条诉求都成为一个案件，由一个有版本的流程、在同一时钟下办理。",
        Open: "打开",
        EditorDetail: "设计、校验、比较并发布处置流程；查看运行中的实例。",
        InboxDetail: "本人及所在组的待办，按时限着色：签收、办结、退回、申请延期。",
        IntakeDetail: "登记各渠道诉求，在地图上查看疑似重复件，合并或立案。",
        DispatchDetail: "待派遣案件，附派遣建议及其依据。",
        ReportsDetail: "考核指标、排名、瓶颈与时限优化建议，可导出。",
        CommandCentreDetail: "指挥大屏：地图上的在办案件、今日指标与超期预警，实时刷新。",
        CitizenPortal: "市民门户",
        PortalDetail: "市民看到的页面：反映问题、凭查询码跟踪进度、评价办理结果。",
        NotFound: "此地址没有页面。",
        SignIn: "登录",
        SignOut: "退出",
        UserName: "用户名",
        Password: "密码",
        WrongPassword: "用户名或密码错误。",
        LockedOut: "失败次数过多，账号已暂时锁定。",
        AccessDenied: "您的角色无权打开此页面。");

    public static ShellText For(CultureInfo culture) => UiCultures.IsEnglish(culture) ? English : Chinese;

    /// <summary>The culture the language switch changes to.</summary>
    public static string OtherCulture(CultureInfo culture) => UiCultures.IsEnglish(culture) ? UiCultures.Chinese : UiCultures.English;
}
