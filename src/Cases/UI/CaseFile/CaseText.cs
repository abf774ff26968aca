using System.Globalization;
using Tongguan.Cases.Model;
using Tongguan.Cases.UI.Localization;

namespace Tongguan.Cases.UI.CaseFile;

/// <summary>The case page's text in one language, and the names of the case's statuses, channels and urgencies (shared with the inbox).</summary>
public sealed record CaseText(
    string Title,
    string NotFound,
    string Summary,
    string Description,
    string Address,
    string Category,
    string Channel,
    string Urgency,
    string Status,
    string ReportedAt,
    string ResponsibleUnit,
    string GridCell,
    string Resolution,
    string Satisfaction,
    string ClosedAt,
    string Location,
    string Reports,
    string Reporter,
    string Phone,
    string ReceivedBy,
    string Attachments,
    string NoAttachments,
    string OpenTasks,
    string NoOpenTasks,
    string Timeline,
    string NoTimeline,
    string Counters,
    string AllSteps,
    IReadOnlyDictionary<string, string> EventNames,
    IReadOnlyDictionary<CaseStatus, string> StatusNames,
    IReadOnlyDictionary<Channel, string> ChannelNames,
    IReadOnlyDictionary<Urgency, string> UrgencyNames,
    IReadOnlyDictionary<string, string> LinkNames)
{
    public static readonly CaseText English = new(
        Title: "Case {0}",
        NotFound: "Case {0} was not found (or it is not in your area).",
        Summary: "Summary",
        Description: "What was reported",
        Address: "Address",
        Category: "Category",
        Channel: "Channel",
        Urgency: "Urgency",
        Status: "Status",
        ReportedAt: "Reported",
        ResponsibleUnit: "Responsible unit",
        GridCell: "Grid cell",
        Resolution: "Result",
        Satisfaction: "Citizen's rating",
        ClosedAt: "Closed",
        Location: "Location",
        Reports: "Reports ({0})",
        Reporter: "Reporter",
        Phone: "Phone",
        ReceivedBy: "Received by",
        Attachments: "Attachments",
        NoAttachments: "No photos or documents yet.",
        OpenTasks: "Open tasks",
        NoOpenTasks: "No open task.",
        Timeline: "Timeline",
        NoTimeline: "Nothing recorded yet.",
        Counters: "Returns {0} · reworks {1} · escalations {2} · reopenings {3}",
        AllSteps: "Every engine step",
        EventNames: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ReportReceived"] = "Report received", ["StatusChanged"] = "Status", ["TaskCreated"] = "Task created", ["TaskClaimed"] = "Task claimed",
            ["TaskUnclaimed"] = "Task unclaimed", ["TaskCompleted"] = "Task completed", ["TaskDelegated"] = "Task delegated", ["Comment"] = "Comment",
            ["Attachment"] = "Attachment", ["DeadlineOpened"] = "Clock started", ["DeadlineCompletedOnTime"] = "Done on time",
            ["DeadlineCompletedLate"] = "Done late", ["InstanceStarted"] = "Process started", ["InstanceCompleted"] = "Process ended",
        },
        StatusNames: new Dictionary<CaseStatus, string>
        {
            [CaseStatus.Registered] = "Registered", [CaseStatus.Filed] = "Filed", [CaseStatus.Dispatched] = "Dispatched",
            [CaseStatus.Handling] = "Handling", [CaseStatus.Verifying] = "Verifying", [CaseStatus.Closed] = "Closed",
            [CaseStatus.Rejected] = "Rejected", [CaseStatus.Merged] = "Merged",
        },
        ChannelNames: new Dictionary<Channel, string>
        {
            [Model.Channel.Hotline12345] = "12345 hotline", [Model.Channel.CitizenApp] = "Citizen app", [Model.Channel.GridInspector] = "Grid inspector",
            [Model.Channel.IotAlert] = "Sensor alert", [Model.Channel.LeadershipInstruction] = "Leadership instruction", [Model.Channel.Web] = "Web portal",
        },
        UrgencyNames: new Dictionary<Urgency, string>
        {
            [Model.Urgency.Normal] = "Normal", [Model.Urgency.Urgent] = "Urgent", [Model.Urgency.Critical] = "Critical",
        },
        LinkNames: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Original"] = "first report", ["AutoMerged"] = "merged automatically", ["MergedByAgent"] = "merged by an agent",
        });

    public static readonly CaseText Chinese = new(
        Title: "案件 {0}",
        NotFound: "未找到案件 {0}（或不在您的管辖范围内）。",
        Summary: "概要",
        Description: "诉求内容",
        Address: "地址",
        Category: "类别",
        Channel: "渠道",
        Urgency: "紧急程度",
        Status: "状态",
        ReportedAt: "上报时间",
        ResponsibleUnit: "责任单位",
        GridCell: "网格",
        Resolution: "处置结果",
        Satisfaction: "群众评价",
        ClosedAt: "结案时间",
        Location: "位置",
        Reports: "诉求（{0}）",
        Reporter: "诉求人",
        Phone: "电话",
        ReceivedBy: "受理人",
        Attachments: "附件",
        NoAttachments: "暂无照片或材料。",
        OpenTasks: "待办任务",
        NoOpenTasks: "没有待办任务。",
        Timeline: "办理经过",
        NoTimeline: "暂无记录。",
        Counters: "退单 {0} · 返工 {1} · 升级 {2} · 重启 {3}",
        AllSteps: "显示全部流程步骤",
        EventNames: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ReportReceived"] = "收到诉求", ["StatusChanged"] = "状态变更", ["TaskCreated"] = "任务生成", ["TaskClaimed"] = "任务认领",
            ["TaskUnclaimed"] = "退回认领", ["TaskCompleted"] = "任务办结", ["TaskDelegated"] = "任务转办", ["Comment"] = "留言",
            ["Attachment"] = "附件", ["DeadlineOpened"] = "开始计时", ["DeadlineCompletedOnTime"] = "按时办结",
            ["DeadlineCompletedLate"] = "超时办结", ["InstanceStarted"] = "流程启动", ["InstanceCompleted"] = "流程结束",
        },
        StatusNames: new Dictionary<CaseStatus, string>
        {
            [CaseStatus.Registered] = "待受理", [CaseStatus.Filed] = "已立案", [CaseStatus.Dispatched] = "已派遣",
            [CaseStatus.Handling] = "处置中", [CaseStatus.Verifying] = "核查中", [CaseStatus.Closed] = "已结案",
            [CaseStatus.Rejected] = "不予受理", [CaseStatus.Merged] = "已合并",
        },
        ChannelNames: new Dictionary<Channel, string>
        {
            [Model.Channel.Hotline12345] = "12345热线", [Model.Channel.CitizenApp] = "随手拍", [Model.Channel.GridInspector] = "网格员上报",
            [Model.Channel.IotAlert] = "物联感知", [Model.Channel.LeadershipInstruction] = "领导批示", [Model.Channel.Web] = "网站",
        },
        UrgencyNames: new Dictionary<Urgency, string>
        {
            [Model.Urgency.Normal] = "一般", [Model.Urgency.Urgent] = "紧急", [Model.Urgency.Critical] = "特急",
        },
        LinkNames: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Original"] = "首次诉求", ["AutoMerged"] = "自动合并", ["MergedByAgent"] = "人工合并",
        });

    public static CaseText For(CultureInfo culture) => UiCultures.IsEnglish(culture) ? English : Chinese;

    public static CaseText ForCurrentCulture => For(CultureInfo.CurrentUICulture);

    public static string Format(string text, params object?[] values) => string.Format(CultureInfo.CurrentCulture, text, values);

    public string StatusName(CaseStatus status) => StatusNames.GetValueOrDefault(status, status.ToString());

    public string ChannelName(Channel channel) => ChannelNames.GetValueOrDefault(channel, channel.ToString());

    public string UrgencyName(Urgency urgency) => UrgencyNames.GetValueOrDefault(urgency, urgency.ToString());

    public string LinkName(string link) => LinkNames.GetValueOrDefault(link, link);

    /// <summary>The event's name in this language; events without one keep the API's name.</summary>
    public string EventName(string name) => EventNames.GetValueOrDefault(name, name);
}
