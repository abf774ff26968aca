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
    string OpenEditor,
    string ComingLater,
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
        OpenEditor: "Open the workflow editor",
        ComingLater: "Task inbox, intake console, dispatch queue, reports and the citizen portal arrive on this shell next.",
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
        OpenEditor: "打开流程设计器",
        ComingLater: "任务收件箱、受理台、派遣队列、报表与市民门户将在此基础上陆续上线。",
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
