namespace Tongguan.Cases.UI.Dispatch;

/// <summary>
/// How long a case has waited and how its dispatch limit stands, in the colours of the inbox (green, yellow warning,
/// red overdue; the API decides the colour from the deadline's warning and due times).
/// </summary>
public static class DueRules
{
    public static string Duration(TimeSpan span, bool english)
    {
        span = span.Duration();
        if (span < TimeSpan.FromHours(1))
        {
            var minutes = Math.Max(1, (int)span.TotalMinutes);
            return english ? $"{minutes} min" : $"{minutes} 分钟";
        }

        if (span < TimeSpan.FromDays(2))
        {
            var hours = (int)span.TotalHours;
            var minutes = span.Minutes;
            return english ? $"{hours} h {minutes} min" : $"{hours} 小时 {minutes} 分钟";
        }

        return english ? $"{(int)span.TotalDays} d {span.Hours} h" : $"{(int)span.TotalDays} 天 {span.Hours} 小时";
    }

    /// <summary>What the due cell says: the time left, or how long overdue, or that the task has no limit.</summary>
    public static string DueText(DateTimeOffset? dueAt, DateTimeOffset now, DispatchText text, bool english)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (dueAt is not { } due)
        {
            return text.NoLimit;
        }

        return due > now
            ? DispatchText.Format(text.DueIn, Duration(due - now, english))
            : DispatchText.Format(text.OverdueBy, Duration(now - due, english));
    }

    /// <summary>The MudBlazor colour of the API's due colour.</summary>
    public static MudBlazor.Color ChipColour(string colour) => colour switch
    {
        "red" => MudBlazor.Color.Error,
        "yellow" => MudBlazor.Color.Warning,
        "green" => MudBlazor.Color.Success,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>A dispatcher sending the case elsewhere than the routing suggestion says why (kept in the dispatch note).</summary>
    public static bool NeedsReason(string? chosenUnit, string? suggestedUnit, string? reason) =>
        chosenUnit is not null && suggestedUnit is not null && chosenUnit != suggestedUnit && string.IsNullOrWhiteSpace(reason);
}
