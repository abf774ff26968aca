using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Validation;

/// <summary>What each kind of task, call activity and multi-instance activity needs in order to run.</summary>
internal static class ActivityRules
{
    public static void Check(ProcessModel process, ProblemCollector problems)
    {
        foreach (var node in process.Nodes.Values)
        {
            switch (node)
            {
                case TaskNode task:
                    CheckTask(task, problems);
                    break;
                case CallActivity call when string.IsNullOrWhiteSpace(call.CalledElement):
                    problems.Error(
                        ValidationCodes.CallActivityWithoutCalledElement,
                        call,
                        $"{Describe.Node(call)} does not say which process to call. Set calledElement to the key (process id) of the process to start.");
                    break;
            }

            if (node is Activity { MultiInstance: { } multiInstance } activity)
            {
                CheckMultiInstance(activity, multiInstance, problems);
            }
        }
    }

    private static void CheckTask(TaskNode task, ProblemCollector problems)
    {
        switch (task.Kind)
        {
            case TaskKind.User when task.CandidateGroups.Count == 0 && task.CandidateUsers.Count == 0 && string.IsNullOrWhiteSpace(task.Assignee):
                problems.Warning(
                    ValidationCodes.UserTaskWithoutAssignment,
                    task,
                    $"{Describe.Node(task)} has no tg:candidateGroups, tg:candidateUsers or tg:assignee, so no officer is offered it. Set who may handle it, e.g. tg:candidateGroups=\"street-office\".");
                break;
            case TaskKind.Service when string.IsNullOrWhiteSpace(task.Handler):
                problems.Error(
                    ValidationCodes.ServiceTaskWithoutHandler,
                    task,
                    $"{Describe.Node(task)} has no tg:handler, so the engine does not know what to run. Set tg:handler to the name of a registered service task handler.");
                break;
            case TaskKind.Script when string.IsNullOrWhiteSpace(task.Script):
                problems.Error(
                    ValidationCodes.ScriptTaskWithoutScript,
                    task,
                    $"{Describe.Node(task)} has no script. Write the JavaScript in its script element, or use a plain task if nothing should run.");
                break;
            case TaskKind.Send when string.IsNullOrWhiteSpace(task.Handler) && task.Message is null && !problems.ReaderReported(task.Id):
                problems.Error(
                    ValidationCodes.SendTaskWithoutHandlerOrMessage,
                    task,
                    $"{Describe.Node(task)} has neither a tg:handler nor a message, so nothing would be sent. Set tg:handler to the handler that sends, or reference a message with messageRef.");
                break;
            case TaskKind.Receive when string.IsNullOrWhiteSpace(task.Message?.Name) && !problems.ReaderReported(task.Id):
                problems.Error(
                    ValidationCodes.MissingMessage,
                    task,
                    MissingMessageText(Describe.Node(task), task.Message));
                break;
        }
    }

    internal static string MissingMessageText(string element, MessageDefinition? message) =>
        message is null
            ? $"{element} waits for a message but does not reference one, so nothing can ever wake it. Declare a message with a name and reference it with messageRef."
            : $"{element} waits for message '{message.Id}', which has no name; incoming messages are matched by name. Give the message a name.";

    private static void CheckMultiInstance(Activity activity, MultiInstance multiInstance, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(multiInstance.Collection) && string.IsNullOrWhiteSpace(multiInstance.LoopCardinality))
        {
            problems.Error(
                ValidationCodes.MultiInstanceWithoutCardinality,
                activity,
                $"{Describe.Node(activity)} is multi-instance but says neither how many instances to run nor over what. Set tg:collection (e.g. departments) or a loopCardinality expression.");
        }

        var elementVariable = multiInstance.ElementVariable;
        if (elementVariable is not null && !IsIdentifier(elementVariable))
        {
            problems.Error(
                ValidationCodes.InvalidElementVariable,
                activity,
                $"{Describe.Node(activity)} has tg:elementVariable=\"{elementVariable}\", which is not a valid variable name. Use letters, digits, '_' or '$', not starting with a digit (e.g. department).");
        }
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0
        && (char.IsLetter(text[0]) || text[0] is '_' or '$')
        && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
