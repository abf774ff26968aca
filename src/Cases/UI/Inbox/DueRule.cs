using System.Globalization;
using Tongguan.Cases.Deadlines;

namespace Tongguan.Cases.UI.Inbox;

/// <summary>Where a task stands against its time limit, as the inbox colours it.</summary>
public enum DueState
{
    /// <summary>No running time limit (none set, or the deadline is closed).</summary>
    None,

    /// <summary>Green: before the warning time.</summary>
    OnTime,

    /// <summary>Yellow: past the warning time, not yet due.</summary>
    Warning,

    /// <summary>Red: due time passed.</summary>
    Overdue,

    /// <summary>The clock is suspended (挂起).</summary>
    Paused,
}

/// <summary>
/// The due-time colours, computed in the page from the deadline's times and the clock — so a card turns yellow or
/// red while it is on screen, without waiting for the deadline sweep to mark it. A mark the sweep already set counts
/// too, in case the page's clock is behind the server's.
/// </summary>
public static class DueRule
{
    public static DueState Of(DeadlineResponse? deadline, DateTimeOffset now) => deadline switch
    {
        null => DueState.None,
        { Status: not "Pending" } => DueState.None,
        { PausedAt: not null } => DueState.Paused,
        _ when now >= deadline.DueAt || deadline.BreachedAt is not null => DueState.Overdue,
        _ when now >= deadline.WarningAt || deadline.WarnedAt is not null => DueState.Warning,
        _ => DueState.OnTime,
    };

    /// <summary>The CSS colour of the state (Material green 800, amber 800, red 800, grey 600).</summary>
    public static string Colour(DueState state) => state switch
    {
        DueState.OnTime => "#2e7d32",
        DueState.Warning => "#ff8f00",
        DueState.Overdue => "#c62828",
        _ => "#757575",
    };

    /// <summary>The one-word value tests and styles key on: green, yellow, red, paused, none.</summary>
    public static string Name(DueState state) => state switch
    {
        DueState.OnTime => "green",
        DueState.Warning => "yellow",
        DueState.Overdue => "red",
        DueState.Paused => "paused",
        _ => "none",
    };

    /// <summary>"Due in 2 d 3 h", "Overdue by 40 min", "No time limit", in the text's language.</summary>
    public static string Describe(DeadlineResponse? deadline, DateTimeOffset now, InboxText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = Of(deadline, now);
        return state switch
        {
            DueState.None => text.NoLimit,
            DueState.Paused => text.Paused,
            DueState.Overdue => InboxText.Format(text.OverdueBy, Span(now - deadline!.DueAt, text)),
            _ => InboxText.Format(text.DueIn, Span(deadline!.DueAt - now, text)),
        };
    }

    /// <summary>A duration to the minute: days and hours beyond a day, hours and minutes beyond an hour.</summary>
    public static string Span(TimeSpan span, InboxText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var duration = span.Duration();
        return duration.TotalDays >= 1 ? string.Format(CultureInfo.CurrentCulture, text.DaysHours, (int)duration.TotalDays, duration.Hours)
            : duration.TotalHours >= 1 ? string.Format(CultureInfo.CurrentCulture, text.HoursMinutes, (int)duration.TotalHours, duration.Minutes)
            : string.Format(CultureInfo.CurrentCulture, text.Minutes, Math.Max(1, (int)Math.Ceiling(duration.TotalMinutes)));
    }
}
