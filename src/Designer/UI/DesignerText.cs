using System.Globalization;

namespace Tongguan.Designer.UI;

/// <summary>
/// The editor's text in one language: a typed dictionary, so a missing translation fails the build. zh-CN unless the
/// UI culture is English (the host's language switch sets it).
/// </summary>
public sealed record DesignerText(
    string Title,
    string Definitions,
    string Key,
    string Name,
    string LatestVersion,
    string VersionCount,
    string PublishedAt,
    string PublishedBy,
    string Open,
    string ImportBpmn,
    string ExportBpmn,
    string SaveDraft,
    string Validate,
    string Publish,
    string VersionHistory,
    string Draft,
    string VersionLabel,
    string CurrentVersion,
    string DraftSaved,
    string Valid,
    string ValidWithWarnings,
    string Invalid,
    string Problems,
    string Errors,
    string Warnings,
    string NoProblems,
    string PublishedVersion,
    string Unchanged,
    string PublishRejected,
    string UnsavedChanges,
    string Loading,
    string NoDefinitions,
    string ImportFailed,
    string Imported,
    string NotFound,
    string Line,
    string Whole)
{
    public static readonly DesignerText English = new(
        Title: "Workflow editor",
        Definitions: "Process definitions",
        Key: "Key",
        Name: "Name",
        LatestVersion: "Latest version",
        VersionCount: "Versions",
        PublishedAt: "Published",
        PublishedBy: "By",
        Open: "Open",
        ImportBpmn: "Import .bpmn",
        ExportBpmn: "Export .bpmn",
        SaveDraft: "Save draft",
        Validate: "Validate",
        Publish: "Publish",
        VersionHistory: "Version history",
        Draft: "Draft",
        VersionLabel: "Version {0}",
        CurrentVersion: "current",
        DraftSaved: "Draft saved.",
        Valid: "The engine accepts this process.",
        ValidWithWarnings: "The engine accepts this process, with {0} warning(s).",
        Invalid: "The engine rejects this process: {0} error(s).",
        Problems: "Problems",
        Errors: "errors",
        Warnings: "warnings",
        NoProblems: "No problems.",
        PublishedVersion: "Published version {0}.",
        Unchanged: "Nothing changed since version {0}; it stays current.",
        PublishRejected: "Not published: the engine found {0} error(s).",
        UnsavedChanges: "unsaved changes",
        Loading: "Loading…",
        NoDefinitions: "No process has been published yet. Import a .bpmn file to start.",
        ImportFailed: "The file is not BPMN 2.0 XML with an executable process: {0}",
        Imported: "Imported {0} as a draft.",
        NotFound: "Definition '{0}' has neither a draft nor a published version.",
        Line: "line",
        Whole: "whole process");

    public static readonly DesignerText Chinese = new(
        Title: "流程设计器",
        Definitions: "流程定义",
        Key: "标识",
        Name: "名称",
        LatestVersion: "最新版本",
        VersionCount: "版本数",
        PublishedAt: "发布时间",
        PublishedBy: "发布人",
        Open: "打开",
        ImportBpmn: "导入 .bpmn",
        ExportBpmn: "导出 .bpmn",
        SaveDraft: "保存草稿",
        Validate: "校验",
        Publish: "发布",
        VersionHistory: "版本历史",
        Draft: "草稿",
        VersionLabel: "第 {0} 版",
        CurrentVersion: "当前",
        DraftSaved: "草稿已保存。",
        Valid: "引擎校验通过。",
        ValidWithWarnings: "引擎校验通过，有 {0} 条警告。",
        Invalid: "引擎校验未通过：{0} 个错误。",
        Problems: "问题",
        Errors: "错误",
        Warnings: "警告",
        NoProblems: "没有问题。",
        PublishedVersion: "已发布第 {0} 版。",
        Unchanged: "与第 {0} 版相比没有变化，仍为当前版本。",
        PublishRejected: "未发布：引擎发现 {0} 个错误。",
        UnsavedChanges: "有未保存的修改",
        Loading: "加载中…",
        NoDefinitions: "尚未发布任何流程。请导入 .bpmn 文件开始。",
        ImportFailed: "该文件不是含可执行流程的 BPMN 2.0 XML：{0}",
        Imported: "已将 {0} 导入为草稿。",
        NotFound: "流程定义“{0}”既没有草稿也没有已发布版本。",
        Line: "行",
        Whole: "整个流程");

    public static DesignerText ForCurrentCulture => For(CultureInfo.CurrentUICulture);

    public static DesignerText For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? English : Chinese;
    }

    public static string Format(string template, object? argument) => string.Format(CultureInfo.CurrentCulture, template, argument);
}
