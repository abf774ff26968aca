using System.Globalization;

namespace Tongguan.Designer.UI.Instances;

/// <summary>The journal's event types and the instance statuses (the engine's enum names) in the reader's language.</summary>
public static class JournalText
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["InstanceStarted"] = "实例启动",
        ["InstanceCompleted"] = "实例完成",
        ["InstanceTerminated"] = "实例终止",
        ["InstanceCancelled"] = "实例取消",
        ["InstanceFaulted"] = "实例出错",
        ["InstanceMigrated"] = "实例迁移",
        ["NodeEntered"] = "进入节点",
        ["NodeCompleted"] = "完成节点",
        ["NodeCancelled"] = "取消节点",
        ["FlowTaken"] = "经过连线",
        ["TaskCreated"] = "创建任务",
        ["TaskCompleted"] = "完成任务",
        ["TaskClaimed"] = "认领任务",
        ["TaskUnclaimed"] = "退回认领",
        ["TaskDelegated"] = "转办任务",
        ["MessageReceived"] = "收到消息",
        ["TimerFired"] = "定时器触发",
        ["ErrorThrown"] = "抛出错误",
        ["JobFailed"] = "作业失败",
        ["IncidentRaised"] = "产生故障",
        ["IncidentResolved"] = "故障解决",
        ["VariablesChanged"] = "变量变更",
        ["HumanAction"] = "人工操作",
    };

    private static readonly Dictionary<string, string> ChineseStatus = new(StringComparer.Ordinal)
    {
        ["Running"] = "运行中",
        ["Completed"] = "已完成",
        ["Terminated"] = "已终止",
        ["Cancelled"] = "已取消",
        ["Faulted"] = "出错",
    };

    /// <summary>An instance status (the engine's <c>InstanceStatus</c> name) in the current UI culture.</summary>
    public static string StatusName(string status) => StatusName(status, CultureInfo.CurrentUICulture);

    public static string StatusName(string status, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return ReferenceEquals(DesignerText.For(culture), DesignerText.Chinese) && ChineseStatus.TryGetValue(status, out var name)
            ? name
            : status;
    }

    /// <summary>The event's name in the current UI culture; the engine's name in English or when unknown.</summary>
    public static string EventName(string eventType) => EventName(eventType, CultureInfo.CurrentUICulture);

    public static string EventName(string eventType, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return ReferenceEquals(DesignerText.For(culture), DesignerText.Chinese) && Chinese.TryGetValue(eventType, out var name)
            ? name
            : eventType;
    }
}
