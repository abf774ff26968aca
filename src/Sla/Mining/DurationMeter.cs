using System.Globalization;
using System.Text;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Mining;

/// <summary>
/// Measures durations the way time limits count them: working time of the <see cref="BusinessCalendar"/> for business
/// limits, elapsed time for natural ones, minus suspensions in both cases. A business limit's length in working time
/// is its days times <see cref="WorkingDay"/> plus its time part — exactly what <see cref="TimeLimitCalculator"/>
/// grants from a start inside working hours (the same clock time so many working days later, then working hours).
/// Thread-safe.
/// </summary>
public sealed class DurationMeter
{
    private static readonly TimeSpan NaturalDay = TimeSpan.FromDays(1);

    private readonly BusinessCalendar _calendar;

    public DurationMeter(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
        WorkingDay = calendar.WorkingHours.Aggregate(TimeSpan.Zero, (sum, period) => sum + (period.End - period.Start));
    }

    public BusinessCalendar Calendar => _calendar;

    /// <summary>Working time of one working day: the sum of the calendar's working periods (7 h for 09:00–12:00 + 13:30–17:30).</summary>
    public TimeSpan WorkingDay { get; }

    /// <summary>The length of one "day" in <paramref name="kind"/>: <see cref="WorkingDay"/> or 24 hours.</summary>
    public TimeSpan DayOf(CalendarKind kind) => kind == CalendarKind.Business ? WorkingDay : NaturalDay;

    /// <summary>Working time in <c>[from, to)</c> outside <paramref name="pauses"/>; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan Business(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<PauseInterval>? pauses = null) =>
        to <= from
            ? TimeSpan.Zero
            : _calendar.ElapsedBusinessTime(from, to, pauses?.Select(p => (p.Start, p.End)));

    /// <summary>Elapsed time in <c>[from, to)</c> outside <paramref name="pauses"/>; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public static TimeSpan Natural(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<PauseInterval>? pauses = null)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = to - from;
        if (pauses is null || pauses.Count == 0)
        {
            return total;
        }

        // Overlapping pauses must not be subtracted twice: walk them in order and only count what lies past the last end.
        var covered = TimeSpan.Zero;
        var reached = from;
        foreach (var pause in pauses.OrderBy(p => p.Start))
        {
            var start = pause.Start > reached ? pause.Start : reached;
            var end = pause.End < to ? pause.End : to;
            if (end > start)
            {
                covered += end - start;
                reached = end;
            }
        }

        return total - covered;
    }

    /// <summary>The duration of <c>[from, to)</c> in <paramref name="kind"/> of time, suspensions excluded.</summary>
    public TimeSpan Measure(DateTimeOffset from, DateTimeOffset to, CalendarKind kind, IReadOnlyList<PauseInterval>? pauses = null) =>
        kind == CalendarKind.Business ? Business(from, to, pauses) : Natural(from, to, pauses);

    /// <summary>A limit's length in its own kind of time (working time for business limits).</summary>
    /// <exception cref="FormatException">Not a supported duration, or weeks in a business limit.</exception>
    public TimeSpan LengthOf(string limit, CalendarKind kind)
    {
        var duration = LimitDuration.Parse(limit);
        if (kind == CalendarKind.Business && duration.Weeks != 0)
        {
            throw new FormatException($"'{limit}': weeks are ambiguous in business time; write working days, e.g. P5D.");
        }

        return (DayOf(kind) * (duration.Days + (7 * duration.Weeks))) + duration.Time;
    }

    /// <summary>
    /// <paramref name="length"/> as an ISO-8601 limit of <paramref name="kind"/>: whole days of <see cref="DayOf"/>, the
    /// rest as hours, minutes and seconds (<c>P2DT3H30M</c> is two and a half working days of 7 h).
    /// </summary>
    public string Format(TimeSpan length, CalendarKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, TimeSpan.Zero);
        var day = DayOf(kind);
        var days = length.Ticks / day.Ticks;
        var rest = TimeSpan.FromTicks(length.Ticks - (days * day.Ticks));
        var text = new StringBuilder("P");
        if (days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{days}D");
        }

        if (rest > TimeSpan.Zero)
        {
            text.Append('T');
            var hours = (long)rest.TotalHours;
            if (hours > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{hours}H");
            }

            if (rest.Minutes > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{rest.Minutes}M");
            }

            if (rest.Seconds > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{rest.Seconds}S");
            }
        }

        return text.Length == 1 ? "PT0S" : text.ToString();
    }

    /// <summary><paramref name="length"/> in days of <paramref name="kind"/> (working days for business time).</summary>
    public double InDays(TimeSpan length, CalendarKind kind) => length / DayOf(kind);
}
