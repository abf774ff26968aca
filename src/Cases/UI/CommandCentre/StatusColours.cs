using Tongguan.Cases.CommandCentre;
using Tongguan.Cases.Model;
using Tongguan.Cases.UI.Maps;

namespace Tongguan.Cases.UI.CommandCentre;

/// <summary>
/// The command centre's colour code: one colour per open status, and red over everything for a case past a running
/// deadline — the one thing a dispatcher must see from across the room.
/// </summary>
public static class StatusColours
{
    public const string Overdue = "#c62828";

    public static IReadOnlyList<CaseStatus> Legend { get; } = CaseStatuses.Open;

    public static string Of(CaseStatus status, bool overdue) => overdue ? Overdue : status switch
    {
        CaseStatus.Registered => "#757575",
        CaseStatus.Filed => "#5c6bc0",
        CaseStatus.Dispatched => "#ef6c00",
        CaseStatus.Handling => "#1565c0",
        CaseStatus.Verifying => "#2e7d32",
        _ => "#9e9e9e",
    };

    /// <summary>The map's markers: overdue cases last, so that they are drawn on top.</summary>
    public static IReadOnlyList<MapMarker> Markers(IReadOnlyList<CasePoint> points, CommandCentreText text)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(text);
        return [.. points.OrderBy(p => p.Overdue).Select(p => new MapMarker(
            p.Number, p.Latitude, p.Longitude,
            $"{p.Number} · {text.StatusName(p.Status)}{(p.Overdue ? " · " + text.Overdue : "")}",
            Of(p.Status, p.Overdue), $"cases/{Uri.EscapeDataString(p.Number)}"))];
    }

    /// <summary>How long a case has been past its due time, in the screen's words (minutes under an hour, else hours).</summary>
    public static string OverdueBy(TimeSpan late, CommandCentreText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return late < TimeSpan.FromHours(1)
            ? $"{Math.Max(0, (int)late.TotalMinutes)} {text.Minutes}"
            : $"{(int)late.TotalHours} {text.Hours}";
    }
}
