using Tongguan.Sla.Calendar;

namespace Tongguan.Sla.Tests.Calendar;

/// <summary>Invariants over many seeded random instants and durations (reproducible: fixed seeds).</summary>
public sealed class BusinessCalendarPropertyTests
{
    private const int Cases = 1500;

    public static TheoryData<string> CalendarNames => ["China", "BerlinAcrossSwitches", "BerlinSwitchEdges", "BerlinOffice"];

    private static BusinessCalendar Get(string name) => name switch
    {
        "China" => Calendars.China,
        "BerlinAcrossSwitches" => Calendars.BerlinAcrossSwitches,
        "BerlinSwitchEdges" => Calendars.BerlinSwitchEdges,
        _ => Calendars.BerlinOffice,
    };

    // Half the instants fall within three days of a daylight-saving switch, the rest anywhere in 2025–2026.
    private static DateTimeOffset RandomInstant(Random random)
    {
        DateTimeOffset[] switches =
        [
            new(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), new(2025, 10, 26, 1, 0, 0, TimeSpan.Zero),
            new(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new(2026, 10, 25, 1, 0, 0, TimeSpan.Zero),
        ];
        if (random.Next(2) == 0)
        {
            var around = switches[random.Next(switches.Length)];
            return around.AddMinutes(random.Next(-3 * 24 * 60, 3 * 24 * 60)).AddSeconds(random.Next(60));
        }

        var origin = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return origin.AddSeconds(random.NextInt64(0, 700L * 24 * 3600));
    }

    private static TimeSpan RandomDuration(Random random) =>
        random.Next(10) == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(random.Next(1, 40 * 3600));

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void ElapsedOfAdd_IsTheAddedDuration(string name)
    {
        var calendar = Get(name);
        var random = new Random(20250930);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomInstant(random);
            var duration = RandomDuration(random);

            var end = calendar.AddBusinessTime(start, duration);

            Assert.True(calendar.ElapsedBusinessTime(start, end) == duration, $"{name}: start {start:O}, duration {duration}, end {end:O}");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void Add_IsMonotonic_InStartAndDuration(string name)
    {
        var calendar = Get(name);
        var random = new Random(20251011);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomInstant(random);
            var later = start.AddMinutes(random.Next(0, 3 * 24 * 60));
            var shorter = RandomDuration(random);
            var longer = shorter + TimeSpan.FromSeconds(random.Next(0, 10 * 3600));

            Assert.True(calendar.AddBusinessTime(start, shorter) <= calendar.AddBusinessTime(start, longer), $"{name}: {start:O} {shorter} {longer}");
            Assert.True(calendar.AddBusinessTime(start, longer) <= calendar.AddBusinessTime(later, longer), $"{name}: {start:O} {later:O} {longer}");
            Assert.True(calendar.AddBusinessDays(start, 2) <= calendar.AddBusinessDays(later, 2), $"{name}: days {start:O} {later:O}");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void Add_LandsInWorkingTimeOrAtTheEndOfAWorkingInterval_UnlessTheDurationIsZero(string name)
    {
        var calendar = Get(name);
        var random = new Random(20260214);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomInstant(random);
            var duration = RandomDuration(random);

            var end = calendar.AddBusinessTime(start, duration);

            if (duration == TimeSpan.Zero)
            {
                Assert.Equal(start, end);
            }
            else
            {
                Assert.True(
                    calendar.IsWorkingTime(end) || calendar.IsWorkingTime(end.AddTicks(-1)),
                    $"{name}: start {start:O}, duration {duration}, end {end:O}");
                Assert.True(end > start);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void Elapsed_IsAdditive_AndNeverExceedsNaturalTime(string name)
    {
        var calendar = Get(name);
        var random = new Random(20260501);
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomInstant(random);
            var b = a.AddMinutes(random.Next(0, 5 * 24 * 60));
            var c = b.AddMinutes(random.Next(0, 5 * 24 * 60));

            var whole = calendar.ElapsedBusinessTime(a, c);

            Assert.Equal(whole, calendar.ElapsedBusinessTime(a, b) + calendar.ElapsedBusinessTime(b, c));
            Assert.True(whole <= c - a);
            Assert.True(calendar.ElapsedBusinessTime(a, c, [(b, c)]) == calendar.ElapsedBusinessTime(a, b));
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void AddBusinessDays_LandsInWorkingTime_OnAWorkingDay(string name)
    {
        var calendar = Get(name);
        var random = new Random(20261010);
        for (var i = 0; i < Cases / 3; i++)
        {
            var start = RandomInstant(random);
            var days = random.Next(0, 15);

            var due = calendar.AddBusinessDays(start, days);
            var local = TimeZoneInfo.ConvertTime(due, calendar.TimeZone);

            Assert.True(calendar.IsWorkingTime(due), $"{name}: {start:O} + {days} = {due:O}");
            Assert.True(calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)));
            Assert.True(due >= start);
        }
    }
}
