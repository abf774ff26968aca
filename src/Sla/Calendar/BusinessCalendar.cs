using System.Collections.Frozen;
using System.Diagnostics;

namespace Tongguan.Sla.Calendar;

/// <summary>
/// Working time in one time zone: working periods on working days. A date is a working day when it is an
/// adjusted working day (调休), or else when it is neither a holiday nor a weekend day. Working time is the union
/// of the half-open intervals <c>[date + period.Start, date + period.End)</c> of every working day, in local clock
/// time of <see cref="TimeZone"/>.
/// </summary>
/// <remarks>
/// <para>Invariants. Instants are compared as instants: the offset of an argument only says how it was written,
/// never which zone the rules apply in. Results are returned with the zone's offset at that instant. Intervals are
/// half-open, so the end of a period (12:00) is not working time and a duration that ends exactly there is due
/// then, not after lunch. Local times that do not exist (a daylight-saving gap) map to the instant the clocks jump;
/// local times that occur twice (the repeated hour when clocks go back) map to their first occurrence. A period that
/// spans a switch therefore lasts its real length (01:00–04:00 is 2 h in spring, 4 h in autumn); a period that starts
/// or ends inside the repeated hour starts or ends at its first occurrence. This mapping never goes backwards, so
/// working intervals never overlap.</para>
/// <para>Years without a loaded calendar file follow the weekly pattern only (see <see cref="CalendarDays.CoveredYears"/>).</para>
/// <para>Thread safety: immutable once constructed; every member is safe to call concurrently.</para>
/// </remarks>
public sealed class BusinessCalendar
{
    // A stretch this long without a single working minute means broken data (or a year-long local holiday);
    // fail instead of scanning forever.
    private const int MaxDaysWithoutWorkingTime = 400;

    /// <summary>Largest duration <see cref="AddBusinessTime"/> accepts; far beyond any time limit, it bounds the work done.</summary>
    public static readonly TimeSpan MaxWorkingDuration = TimeSpan.FromDays(3650);

    /// <summary>Largest number of days <see cref="AddBusinessDays"/> accepts.</summary>
    public const int MaxBusinessDays = 36_500;

    private readonly WorkingPeriod[] _periods;
    private readonly FrozenSet<DayOfWeek> _weekend;

    /// <param name="timeZone">Zone whose local clock the working hours and dates are read in.</param>
    /// <param name="workingHours">Working periods of every working day; sorted and non-overlapping after sorting.</param>
    /// <param name="days">Holidays and adjusted working days; none when null.</param>
    /// <param name="weekend">Non-working days of the week; Saturday and Sunday when null.</param>
    public BusinessCalendar(
        TimeZoneInfo timeZone,
        IEnumerable<WorkingPeriod> workingHours,
        CalendarDays? days = null,
        IEnumerable<DayOfWeek>? weekend = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(workingHours);
        _periods = [.. workingHours.OrderBy(p => p.Start)];
        if (_periods.Length == 0)
        {
            throw new ArgumentException("At least one working period is required.", nameof(workingHours));
        }

        for (var i = 1; i < _periods.Length; i++)
        {
            if (_periods[i].Start < _periods[i - 1].End)
            {
                throw new ArgumentException($"Working periods {_periods[i - 1]} and {_periods[i]} overlap.", nameof(workingHours));
            }
        }

        _weekend = (weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]).ToFrozenSet();
        if (_weekend.Count == 7)
        {
            throw new ArgumentException("Every day of the week is a weekend day; there would be no working day.", nameof(weekend));
        }

        TimeZone = timeZone;
        Days = days ?? CalendarDays.None;
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<WorkingPeriod> WorkingHours => _periods;

    public IReadOnlySet<DayOfWeek> Weekend => _weekend;

    public CalendarDays Days { get; }

    /// <summary>True when <paramref name="date"/> (a local date of <see cref="TimeZone"/>) is a working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        Days.WorkingDays.ContainsKey(date)
        || (!Days.Holidays.ContainsKey(date) && !_weekend.Contains(date.DayOfWeek));

    /// <summary>True when <paramref name="instant"/> lies inside a working interval (start included, end excluded).</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var (start, _) = WorkingIntervalsFrom(instant).First();
        return start == instant;
    }

    /// <summary>
    /// The instant at which <paramref name="workingDuration"/> of working time has passed since
    /// <paramref name="start"/>. Returns <paramref name="start"/> unchanged for a zero duration; otherwise the result
    /// is working time or the end of a working interval (never, say, the start of the next one).
    /// Invariant: <c>ElapsedBusinessTime(start, AddBusinessTime(start, d)) == d</c>, and the result never decreases
    /// when <paramref name="start"/> or <paramref name="workingDuration"/> grows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or above <see cref="MaxWorkingDuration"/>.</exception>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan workingDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDuration, MaxWorkingDuration);
        if (workingDuration == TimeSpan.Zero)
        {
            return start;
        }

        var remaining = workingDuration;
        foreach (var (from, to) in WorkingIntervalsFrom(start))
        {
            var available = to - from;
            if (remaining <= available)
            {
                return InZone(from + remaining);
            }

            remaining -= available;
        }

        throw new UnreachableException();
    }

    /// <summary>
    /// <paramref name="days"/> working days after <paramref name="start"/>, at the same local clock time. The start
    /// is first clamped into working time (moved to the beginning of the next working interval when it is not working
    /// time); the result is that clamped clock time on the <paramref name="days"/>-th working day after the clamped
    /// start's date. So Friday 16:00 + 1 is Monday 16:00, Friday 18:00 + 1 is Tuesday 09:00, and + 0 only clamps.
    /// The result is always working time (or, across a daylight-saving gap, the instant the clocks jump).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The number of days is negative or above <see cref="MaxBusinessDays"/>.</exception>
    public DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxBusinessDays);
        var (clamped, _) = WorkingIntervalsFrom(start).First();
        var local = TimeZoneInfo.ConvertTime(clamped, TimeZone).DateTime;
        var date = DateOnly.FromDateTime(local);
        var clock = TimeOnly.FromDateTime(local);
        var nonWorkingRun = 0;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
                nonWorkingRun = 0;
            }
            else if (++nonWorkingRun > MaxDaysWithoutWorkingTime)
            {
                throw NoWorkingTime(date);
            }
        }

        return InZone(ToInstant(date.ToDateTime(clock)));
    }

    /// <summary>
    /// Working time inside <c>[from, to)</c> that is not inside any of <paramref name="pauses"/> (half-open
    /// intervals, e.g. a granted extension or a suspension 挂起; they may overlap each other and
    /// reach outside <c>[from, to)</c>; an empty or inverted pause excludes nothing).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public TimeSpan ElapsedBusinessTime(
        DateTimeOffset from,
        DateTimeOffset to,
        IEnumerable<(DateTimeOffset Start, DateTimeOffset End)>? pauses = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var excluded = MergePauses(pauses, from, to);
        var total = TimeSpan.Zero;
        foreach (var (start, rawEnd) in WorkingIntervalsFrom(from))
        {
            if (start >= to)
            {
                break;
            }

            var end = rawEnd < to ? rawEnd : to;
            total += end - start;
            foreach (var (pauseStart, pauseEnd) in excluded)
            {
                var overlapStart = pauseStart > start ? pauseStart : start;
                var overlapEnd = pauseEnd < end ? pauseEnd : end;
                if (overlapEnd > overlapStart)
                {
                    total -= overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> MergePauses(
        IEnumerable<(DateTimeOffset Start, DateTimeOffset End)>? pauses,
        DateTimeOffset from,
        DateTimeOffset to)
    {
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        if (pauses is null)
        {
            return merged;
        }

        foreach (var (rawStart, rawEnd) in pauses.OrderBy(p => p.Start))
        {
            var start = rawStart > from ? rawStart : from;
            var end = rawEnd < to ? rawEnd : to;
            if (end <= start)
            {
                continue;
            }

            if (merged.Count > 0 && start <= merged[^1].End)
            {
                if (end > merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, end);
                }
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }

    // The working intervals that end after `instant`, in order, the first one cut to start at `instant` when it
    // contains it. Endless: callers stop enumerating.
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingIntervalsFrom(DateTimeOffset instant)
    {
        // The day before too: a period's instants can belong to the previous local date's rules around a transition.
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime).AddDays(-1);
        var nonWorkingRun = 0;
        while (true)
        {
            var found = false;
            if (IsWorkingDay(date))
            {
                foreach (var period in _periods)
                {
                    var start = ToInstant(date.ToDateTime(period.Start));
                    var end = ToInstant(date.ToDateTime(period.End));
                    if (end <= instant || end <= start)
                    {
                        continue;
                    }

                    found = true;
                    yield return (start < instant ? instant : start, end);
                }
            }

            nonWorkingRun = found ? 0 : nonWorkingRun + 1;
            if (nonWorkingRun > MaxDaysWithoutWorkingTime)
            {
                throw NoWorkingTime(date);
            }

            date = date.AddDays(1);
        }
    }

    private static InvalidOperationException NoWorkingTime(DateOnly date) =>
        new($"No working time for {MaxDaysWithoutWorkingTime} days up to {date:yyyy-MM-dd}; check the calendar files.");

    private DateTimeOffset ToInstant(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            // Skipped by a daylight-saving jump: the first valid minute after the gap is where the clocks landed.
            var probe = new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
            do
            {
                probe = probe.AddMinutes(1);
            }
            while (TimeZone.IsInvalidTime(probe));

            return new DateTimeOffset(probe, TimeZone.GetUtcOffset(probe));
        }

        if (TimeZone.IsAmbiguousTime(local))
        {
            // The first occurrence is the one with the larger offset (before the clocks went back).
            return new DateTimeOffset(local, TimeZone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    private DateTimeOffset InZone(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);
}
