using Tongguan.Sla.Calendar;
using Tongguan.Workflows.Model;

namespace Tongguan.Sla.TimeLimits;

/// <summary>When a time limit started at <see cref="Start"/> turns yellow (<see cref="Warning"/>) and red (<see cref="Due"/>).</summary>
public sealed record TimeLimitSchedule(DateTimeOffset Start, DateTimeOffset Warning, DateTimeOffset Due);

/// <summary>
/// Turns a designed <see cref="TimeLimit"/> into instants. Natural limits: the duration is added as elapsed time
/// (<c>P1D</c> is 24 hours). Business limits: days (<c>P5D</c>) are working days by
/// <see cref="BusinessCalendar.AddBusinessDays"/> (same clock time, clamped into working hours), then the time part
/// (<c>PT4H</c>) is working time by <see cref="BusinessCalendar.AddBusinessTime"/>; weeks are refused for business
/// limits (write working days). The warning falls at the warning share (the limit's own, else the default) of the
/// limit measured in the limit's own kind of time: working time between start and due for business limits.
/// Thread-safe.
/// </summary>
public sealed class TimeLimitCalculator
{
    public const double DefaultWarningShare = 0.8;

    private readonly BusinessCalendar _calendar;
    private readonly double _defaultWarningShare;

    public TimeLimitCalculator(BusinessCalendar calendar, double defaultWarningShare = DefaultWarningShare)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ValidateShare(defaultWarningShare, nameof(defaultWarningShare));
        _calendar = calendar;
        _defaultWarningShare = defaultWarningShare;
    }

    /// <exception cref="FormatException">The duration is not a supported ISO-8601 duration.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The warning share is not in (0, 1].</exception>
    public TimeLimitSchedule Calculate(TimeLimit limit, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var share = limit.WarningShare ?? _defaultWarningShare;
        ValidateShare(share, nameof(limit));
        var duration = LimitDuration.Parse(limit.Duration);
        if (limit.Calendar == CalendarKind.Natural)
        {
            var length = TimeSpan.FromDays(duration.Days + (7L * duration.Weeks)) + duration.Time;
            return new TimeLimitSchedule(start, start + (length * share), start + length);
        }

        if (duration.Weeks != 0)
        {
            throw new FormatException($"'{limit.Duration}': weeks are ambiguous in business time; write working days, e.g. P5D.");
        }

        var due = _calendar.AddBusinessTime(
            duration.Days == 0 ? start : _calendar.AddBusinessDays(start, duration.Days),
            duration.Time);
        var working = _calendar.ElapsedBusinessTime(start, due);
        return new TimeLimitSchedule(start, _calendar.AddBusinessTime(start, working * share), due);
    }

    /// <summary>
    /// A deadline extended by <paramref name="extension"/> (an ISO-8601 duration in the limit's kind of time), with
    /// its warning moved to the same share of the longer limit.
    /// </summary>
    /// <exception cref="FormatException">The extension is not a supported duration.</exception>
    public TimeLimitSchedule Extend(TimeLimitSchedule current, string extension, CalendarKind kind)
    {
        ArgumentNullException.ThrowIfNull(current);
        var due = Calculate(new TimeLimit(extension, kind, 1), current.Due).Due;
        return Rescale(current, due, kind);
    }

    /// <summary>
    /// A deadline whose clock stood still from <paramref name="pausedAt"/> to <paramref name="resumedAt"/>: warning and
    /// due move on by the paused time, counted in the limit's kind of time (working time for business limits, so a
    /// suspension over a weekend moves nothing).
    /// </summary>
    public TimeLimitSchedule Resume(TimeLimitSchedule current, DateTimeOffset pausedAt, DateTimeOffset resumedAt, CalendarKind kind)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (resumedAt <= pausedAt)
        {
            return current;
        }

        return kind == CalendarKind.Natural
            ? current with { Warning = current.Warning + (resumedAt - pausedAt), Due = current.Due + (resumedAt - pausedAt) }
            : current with
            {
                Warning = _calendar.AddBusinessTime(current.Warning, _calendar.ElapsedBusinessTime(pausedAt, resumedAt)),
                Due = _calendar.AddBusinessTime(current.Due, _calendar.ElapsedBusinessTime(pausedAt, resumedAt)),
            };
    }

    private TimeLimitSchedule Rescale(TimeLimitSchedule current, DateTimeOffset due, CalendarKind kind)
    {
        if (kind == CalendarKind.Natural)
        {
            var total = current.Due - current.Start;
            var share = total <= TimeSpan.Zero ? 1 : (current.Warning - current.Start) / total;
            return current with { Warning = current.Start + ((due - current.Start) * share), Due = due };
        }

        var before = _calendar.ElapsedBusinessTime(current.Start, current.Due);
        var businessShare = before <= TimeSpan.Zero ? 1 : _calendar.ElapsedBusinessTime(current.Start, current.Warning) / before;
        var after = _calendar.ElapsedBusinessTime(current.Start, due);
        return current with { Warning = _calendar.AddBusinessTime(current.Start, after * businessShare), Due = due };
    }

    private static void ValidateShare(double share, string paramName)
    {
        if (!(share > 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, share, "The warning share must be greater than 0 and at most 1.");
        }
    }
}
