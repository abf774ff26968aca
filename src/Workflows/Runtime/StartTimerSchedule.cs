using Tongguan.Workflows.Model;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Workflows.Runtime;

/// <summary>
/// When the timer start events of a published version fire: <c>timeDate</c> at that instant,
/// <c>timeDuration</c> that long after publishing, <c>timeCycle</c> <c>R[n]/interval</c> every interval from
/// publishing, n times (forever without n). Occurrences follow a fixed grid (previous due + interval), so a
/// worker that was down catches up one occurrence per poll instead of drifting. Pure; thread-safe.
/// </summary>
internal static class StartTimerSchedule
{
    /// <summary>The first occurrence of every timer start event of <paramref name="process"/>.</summary>
    /// <exception cref="InvalidOperationException">A timer is not ISO-8601 (the validator refuses those before).</exception>
    public static List<TimerRecord> FirstOccurrences(DefinitionRecord definition, ProcessModel process, DateTimeOffset publishedAt) =>
        process.Content.StartEvents
            .Where(s => s.Trigger == EventTrigger.Timer && s.Timer is not null)
            .Select(s => First(definition, s, s.Timer!, publishedAt))
            .ToList();

    /// <summary>The occurrence after <paramref name="fired"/>, or null when it was the last (or not a cycle).</summary>
    public static TimerRecord? Next(TimerRecord fired, StartEvent start)
    {
        ArgumentNullException.ThrowIfNull(fired);
        ArgumentNullException.ThrowIfNull(start);
        if (start.Timer is not { Kind: TimerKind.Cycle } timer || fired.RemainingRepeats is <= 1 ||
            !Iso8601.TryParseCycle(timer.Expression, out _, out var interval))
        {
            return null;
        }

        return new TimerRecord
        {
            BookmarkId = NewId(),
            NodeId = fired.NodeId,
            DefinitionId = fired.DefinitionId,
            DefinitionKey = fired.DefinitionKey,
            DueAt = fired.DueAt + interval,
            RemainingRepeats = fired.RemainingRepeats - 1,
        };
    }

    private static TimerRecord First(DefinitionRecord definition, StartEvent start, TimerDefinition timer, DateTimeOffset publishedAt)
    {
        int? repeats = null;
        DateTimeOffset due;
        if (timer.Kind == TimerKind.Duration && Iso8601.TryParseDuration(timer.Expression, out var duration))
        {
            due = publishedAt + duration;
        }
        else if (timer.Kind == TimerKind.Date && Iso8601.TryParseDate(timer.Expression, out var date))
        {
            due = date.ToUniversalTime();
        }
        else if (timer.Kind == TimerKind.Cycle && Iso8601.TryParseCycle(timer.Expression, out repeats, out var interval))
        {
            due = publishedAt + interval;
        }
        else
        {
            throw new InvalidOperationException(
                $"Timer start event '{start.Id}' of {definition.Key} has a {timer.Kind} that is not ISO-8601: '{timer.Expression}'.");
        }

        return new TimerRecord
        {
            BookmarkId = NewId(),
            NodeId = start.Id,
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DueAt = due,
            RemainingRepeats = repeats,
        };
    }

    private static string NewId() => "st-" + Guid.NewGuid().ToString("N");
}
