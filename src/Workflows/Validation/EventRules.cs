using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Validation;

/// <summary>Timers, messages, errors and boundary events.</summary>
internal static class EventRules
{
    public static void Check(ProcessModel process, ProblemCollector problems)
    {
        foreach (var node in process.Nodes.Values.OfType<EventNode>())
        {
            switch (node.Trigger)
            {
                case EventTrigger.Timer:
                    CheckTimer(node, problems);
                    break;
                case EventTrigger.Message when string.IsNullOrWhiteSpace(node.Message?.Name) && !problems.ReaderReported(node.Id):
                    problems.Error(ValidationCodes.MissingMessage, node, ActivityRules.MissingMessageText(Describe.Node(node), node.Message));
                    break;
                case EventTrigger.Error:
                    CheckError(node, problems);
                    break;
            }

            if (node is BoundaryEvent boundary)
            {
                CheckBoundary(boundary, problems);
            }
        }
    }

    private static void CheckTimer(EventNode node, ProblemCollector problems)
    {
        if (node is BoundaryEvent { Deadline: not null } alarm)
        {
            CheckDeadlineAlarm(alarm, problems);
            return;
        }

        if (node.Timer is not { } timer)
        {
            problems.Error(
                ValidationCodes.TimerWithoutDefinition,
                node,
                $"{Describe.Node(node)} does not say when it fires. Add one of timeDuration (e.g. PT4H), timeDate (e.g. 2026-05-01T09:00:00+08:00) or timeCycle (e.g. R3/P1D).");
            return;
        }

        var (valid, form, example) = timer.Kind switch
        {
            TimerKind.Duration => (Iso8601.TryParseDuration(timer.Expression, out _), "timeDuration", "P2D, PT4H30M or P1W"),
            TimerKind.Date => (Iso8601.TryParseDate(timer.Expression, out _), "timeDate", "2026-05-01T09:00:00+08:00"),
            _ => (Iso8601.TryParseCycle(timer.Expression, out _, out _), "timeCycle", "R3/PT1H, or R/P1D to repeat without end"),
        };
        if (string.IsNullOrWhiteSpace(timer.Expression))
        {
            problems.Error(
                ValidationCodes.InvalidTimer,
                node,
                $"{Describe.Node(node)} has an empty {form}. Write it like {example}.");
        }
        else if (!valid)
        {
            problems.Error(
                ValidationCodes.InvalidTimer,
                node,
                $"{Describe.Node(node)} has {form} \"{timer.Expression}\", which is not a valid ISO-8601 {FormNoun(timer.Kind)}. Write it like {example}.");
        }
    }

    private static void CheckDeadlineAlarm(BoundaryEvent alarm, ProblemCollector problems)
    {
        var moment = alarm.Deadline == DeadlineAlarm.Warning ? "yellow warning" : "breach of the time limit";
        if (alarm.Timer is { } timer)
        {
            problems.Error(
                ValidationCodes.DeadlineTimerWithTime,
                alarm,
                $"{Describe.Node(alarm)} has tg:deadline, so it fires at the {moment} computed from the task's tg:timeLimit on the business calendar; remove its {FormName(timer.Kind)} \"{timer.Expression}\" (leave <timerEventDefinition/> empty).");
        }

        if (alarm.AttachedTo is { } activity && activity is not TaskNode { Kind: TaskKind.User, TimeLimit: not null })
        {
            problems.Error(
                ValidationCodes.DeadlineWithoutTimeLimit,
                alarm,
                activity is TaskNode { Kind: TaskKind.User }
                    ? $"{Describe.Node(alarm)} waits for the {moment} of {Describe.Node(activity)}, which has no tg:timeLimit. Give the task a time limit (e.g. tg:timeLimit=\"P2D\") or use a timeDuration instead of tg:deadline."
                    : $"{Describe.Node(alarm)} waits for the {moment}, but only user tasks with tg:timeLimit have deadlines; {Describe.Node(activity)} is not one. Use a timeDuration instead of tg:deadline.");
        }
    }

    private static string FormName(TimerKind kind) => kind switch
    {
        TimerKind.Duration => "timeDuration",
        TimerKind.Date => "timeDate",
        _ => "timeCycle",
    };

    private static string FormNoun(TimerKind kind) => kind switch
    {
        TimerKind.Duration => "positive duration",
        TimerKind.Date => "date-time",
        _ => "repeating interval",
    };

    private static void CheckError(EventNode node, ProblemCollector problems)
    {
        if (problems.ReaderReported(node.Id))
        {
            return;
        }

        if (node is EndEvent)
        {
            if (node.Error is null)
            {
                problems.Error(
                    ValidationCodes.ErrorEndWithoutCode,
                    node,
                    $"{Describe.Node(node)} does not reference an error, so no error boundary event can tell what went wrong. Declare an <error> with an errorCode and reference it with errorRef.");
            }
            else if (string.IsNullOrWhiteSpace(node.Error.Code))
            {
                problems.Error(
                    ValidationCodes.ErrorEndWithoutCode,
                    node,
                    $"{Describe.Node(node)} throws error '{node.Error.Id}', which has no errorCode; error boundary events match on the code. Give the error an errorCode.");
            }
        }
        else if (node.Error is { } error && string.IsNullOrWhiteSpace(error.Code))
        {
            problems.Error(
                ValidationCodes.ErrorWithoutCode,
                node,
                $"{Describe.Node(node)} catches error '{error.Id}', which has no errorCode, so it can never match a thrown error. Give the error an errorCode, or remove the errorRef to catch every error.");
        }
    }

    private static void CheckBoundary(BoundaryEvent boundary, ProblemCollector problems)
    {
        // A null AttachedTo means the reader already reported a missing or dangling attachedToRef.
        var activity = (Activity?)boundary.AttachedTo;
        if (activity is not null && !ReferenceEquals(activity.Parent, boundary.Parent))
        {
            problems.Error(
                ValidationCodes.BoundaryEventNotAttached,
                boundary,
                $"{Describe.Node(boundary)} is attached to {Describe.NodeLower(activity)}, which lies in another (sub-)process. Move the boundary event next to its activity.");
        }

        if (boundary.Trigger == EventTrigger.Error && !boundary.CancelActivity)
        {
            problems.Error(
                ValidationCodes.NonInterruptingErrorBoundary,
                boundary,
                $"{Describe.Node(boundary)} is non-interrupting, but an error always ends the activity that raised it. Make it interrupting (cancelActivity=\"true\").");
        }
    }
}
