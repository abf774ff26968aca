using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.EntityFrameworkCore;

internal static class WorkflowEntityTypes
{
    public static readonly HashSet<Type> All =
    [
        typeof(DefinitionRecord),
        typeof(DefinitionDraft),
        typeof(MessageStartRecord),
        typeof(InstanceRecord),
        typeof(UserTaskRecord),
        typeof(TaskCandidate),
        typeof(MessageSubscriptionRecord),
        typeof(TimerRecord),
        typeof(JobRecord),
        typeof(CallLinkRecord),
        typeof(IncidentRecord),
        typeof(JournalRecord),
    ];
}
