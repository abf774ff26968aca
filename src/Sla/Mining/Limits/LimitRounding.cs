namespace Tongguan.Sla.Mining.Limits;

/// <summary>
/// Rounds a raw limit up to units people write limits in: whole hours up to one day, half days up to two days,
/// whole days beyond (limits of "2½ days" and more are written in whole days in practice). "Day" is a working day for business limits and 24 hours for natural ones. Never less than one hour.
/// </summary>
public static class LimitRounding
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static TimeSpan RoundUp(TimeSpan raw, TimeSpan day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(day, TimeSpan.Zero);
        if (raw <= day)
        {
            var hours = CeilingUnits(raw, Hour);
            // A working day that is not a whole number of hours (7.5 h) must not round past itself.
            return hours < Hour ? Hour : hours > day ? day : hours;
        }

        return raw <= day * 2 ? CeilingUnits(raw, day / 2) : CeilingUnits(raw, day);
    }

    private static TimeSpan CeilingUnits(TimeSpan raw, TimeSpan unit) =>
        TimeSpan.FromTicks(((raw.Ticks + unit.Ticks - 1) / unit.Ticks) * unit.Ticks);
}
