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
    string NotFound)
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
        NotFound: "There is no page at this address.");

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
        NotFound: "此地址没有页面。");

    public static ShellText For(CultureInfo culture) => UiCultures.IsEnglish(culture) ? English : Chinese;

    /// <summary>The culture the language switch changes to.</summary>
    public static string OtherCulture(CultureInfo culture) => UiCultures.IsEnglish(culture) ? UiCultures.Chinese : UiCultures.English;
}
