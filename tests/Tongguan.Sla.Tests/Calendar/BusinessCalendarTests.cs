using Tongguan.Sla.Calendar;
using static Tongguan.Sla.Tests.Calendars;

namespace Tongguan.Sla.Tests.Calendar;

public sealed class BusinessCalendarTests
{
    [Fact]
    public void AddBusinessDays_SkipsTheNationalDayBreak_AndCountsTheAdjustedSaturday()
    {
        // Sep 30 (Tue) → Oct 1–8 off → Oct 9, 10, 11 (adjusted Sat), 13, 14.
        Assert.Equal(China8(2025, 10, 14, 16), China.AddBusinessDays(China8(2025, 9, 30, 16), 5));
    }

    [Fact]
    public void AddBusinessDays_ClampsAStartOutsideWorkingHours_ToTheNextWorkingInterval()
    {
        Assert.Equal(China8(2025, 3, 11, 9), China.AddBusinessDays(China8(2025, 3, 7, 18), 1));
        Assert.Equal(China8(2025, 3, 3, 13, 30), China.AddBusinessDays(China8(2025, 3, 3, 12), 0));
        Assert.Equal(China8(2025, 3, 10, 16), China.AddBusinessDays(China8(2025, 3, 7, 16), 1));
    }

    [Fact]
    public void AddBusinessDays_LandsOnAdjustedWorkingSaturday_BeforeTheSpringFestival()
    {
        Assert.Equal(China8(2026, 2, 14, 10), China.AddBusinessDays(China8(2026, 2, 13, 10), 1));
        Assert.Equal(China8(2026, 2, 24, 10), China.AddBusinessDays(China8(2026, 2, 13, 10), 2));
    }

    [Fact]
    public void AddBusinessTime_ContinuesAfterTheNationalDayBreak()
    {
        // 1.5 h on Sep 30, then 3 h + 2.5 h on Oct 9.
        Assert.Equal(China8(2025, 10, 9, 16), China.AddBusinessTime(China8(2025, 9, 30, 16), TimeSpan.FromHours(7)));
    }

    [Fact]
    public void AddBusinessTime_SkipsTheLunchBreak()
    {
        Assert.Equal(China8(2025, 3, 3, 14, 30), China.AddBusinessTime(China8(2025, 3, 3, 11), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void AddBusinessTime_IsDueAtTheEndOfThePeriod_WhenTheDurationEndsThere()
    {
        Assert.Equal(China8(2025, 3, 3, 12), China.AddBusinessTime(China8(2025, 3, 3, 9), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void AddBusinessTime_SkipsTheWeekend()
    {
        Assert.Equal(China8(2025, 3, 10, 9, 30), China.AddBusinessTime(China8(2025, 3, 7, 17), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddBusinessTime_WorksOnAnAdjustedSaturday_AndSkipsTheSpringFestival()
    {
        Assert.Equal(China8(2025, 2, 8, 9, 30), China.AddBusinessTime(China8(2025, 2, 7, 17), TimeSpan.FromHours(1)));
        Assert.Equal(China8(2025, 2, 5, 9, 30), China.AddBusinessTime(China8(2025, 1, 27, 17), TimeSpan.FromHours(1)));
        Assert.Equal(China8(2025, 1, 26, 9, 30), China.AddBusinessTime(China8(2025, 1, 24, 17), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AddBusinessTime_ReturnsTheZonesOffset_WhateverTheInputOffset()
    {
        var result = China.AddBusinessTime(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromHours(8), result.Offset);
        Assert.Equal(China8(2025, 3, 3, 10), result);
    }

    [Fact]
    public void AddBusinessTime_ReturnsStartUnchanged_ForZero_AndRejectsNegative()
    {
        var outside = China8(2025, 3, 8, 3);
        Assert.Equal(outside, China.AddBusinessTime(outside, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddBusinessTime(outside, TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddBusinessDays(outside, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddBusinessTime(outside, TimeSpan.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddBusinessDays(outside, int.MaxValue));
    }

    [Theory]
    [InlineData(9, 0, true)]
    [InlineData(11, 59, true)]
    [InlineData(12, 0, false)]
    [InlineData(13, 29, false)]
    [InlineData(13, 30, true)]
    [InlineData(17, 29, true)]
    [InlineData(17, 30, false)]
    [InlineData(8, 59, false)]
    public void IsWorkingTime_TreatsPeriodsAsHalfOpen(int hour, int minute, bool expected) =>
        Assert.Equal(expected, China.IsWorkingTime(China8(2025, 3, 3, hour, minute)));

    [Fact]
    public void IsWorkingTime_IsFalseOnHolidaysAndWeekends_AndTrueOnAdjustedDays()
    {
        Assert.False(China.IsWorkingTime(China8(2025, 10, 8, 10)));
        Assert.False(China.IsWorkingTime(China8(2025, 10, 12, 10)));
        Assert.True(China.IsWorkingTime(China8(2025, 10, 11, 10)));
    }

    [Fact]
    public void ElapsedBusinessTime_CountsWorkingTimeOnly()
    {
        Assert.Equal(TimeSpan.FromHours(14), China.ElapsedBusinessTime(China8(2025, 3, 3, 9), China8(2025, 3, 5, 9)));
        Assert.Equal(TimeSpan.FromHours(1.5 + 7), China.ElapsedBusinessTime(China8(2025, 9, 30, 16), China8(2025, 10, 10, 0)));
        Assert.Equal(TimeSpan.Zero, China.ElapsedBusinessTime(China8(2025, 3, 3, 12), China8(2025, 3, 3, 13, 30)));
    }

    [Fact]
    public void ElapsedBusinessTime_ExcludesPauses_MergingOverlapsAndClippingToTheRange()
    {
        var pauses = new[]
        {
            (China8(2025, 3, 3, 10), China8(2025, 3, 4, 10)),
            (China8(2025, 3, 3, 11), China8(2025, 3, 3, 14)),
            (China8(2025, 3, 5, 8), China8(2025, 3, 6, 10)),
            (China8(2025, 3, 4, 16), China8(2025, 3, 4, 15)),
        };

        // 14 h in [Mon 09:00, Wed 09:00) minus Mon 10–12, 13:30–17:30 and Tue 09–10; the Wed pause is outside.
        Assert.Equal(TimeSpan.FromHours(7), China.ElapsedBusinessTime(China8(2025, 3, 3, 9), China8(2025, 3, 5, 9), pauses));
    }

    [Fact]
    public void ElapsedBusinessTime_RejectsAnInvertedRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => China.ElapsedBusinessTime(China8(2025, 3, 5, 9), China8(2025, 3, 3, 9)));

    [Fact]
    public void Berlin_CountsTheRealLengthOfPeriodsThatSpanDaylightSavingSwitches()
    {
        var plus1 = TimeSpan.FromHours(1);
        var plus2 = TimeSpan.FromHours(2);

        // Spring forward 2025-03-30: 01:00–04:00 local is 2 real hours.
        Assert.Equal(TimeSpan.FromHours(2), BerlinAcrossSwitches.ElapsedBusinessTime(
            new DateTimeOffset(2025, 3, 30, 0, 0, 0, plus1), new DateTimeOffset(2025, 3, 30, 5, 0, 0, plus2)));

        // Fall back 2025-10-26: 01:00–04:00 local is 4 real hours, the repeated hour included.
        Assert.Equal(TimeSpan.FromHours(4), BerlinAcrossSwitches.ElapsedBusinessTime(
            new DateTimeOffset(2025, 10, 26, 0, 0, 0, plus2), new DateTimeOffset(2025, 10, 26, 5, 0, 0, plus1)));

        Assert.Equal(
            new DateTimeOffset(2025, 3, 30, 3, 30, 0, plus2),
            BerlinAcrossSwitches.AddBusinessTime(new DateTimeOffset(2025, 3, 30, 1, 0, 0, plus1), TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void Berlin_MapsSkippedTimesToTheJump_AndRepeatedTimesToTheirFirstOccurrence()
    {
        var day = (int month, int dayOfMonth) => (
            new DateTimeOffset(2025, month, dayOfMonth, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, month, dayOfMonth, 6, 0, 0, TimeSpan.Zero));

        // Spring: 02:10–02:20 does not exist (nothing); 02:30–05:00 runs from the jump (01:00Z) to 05:00 CEST (03:00Z).
        var (springFrom, springTo) = day(3, 30);
        Assert.Equal(TimeSpan.FromHours(2), BerlinSwitchEdges.ElapsedBusinessTime(springFrom.AddHours(-1), springTo));

        // Autumn: 02:10–02:20 and 02:30 are taken at their first (CEST) occurrence: 10 min + 00:30Z–04:00Z.
        var (autumnFrom, autumnTo) = day(10, 26);
        Assert.Equal(TimeSpan.FromMinutes(10 + 210), BerlinSwitchEdges.ElapsedBusinessTime(autumnFrom.AddHours(-1), autumnTo));
        Assert.True(BerlinSwitchEdges.IsWorkingTime(new DateTimeOffset(2025, 10, 26, 2, 15, 0, TimeSpan.FromHours(2))));
        // The second 02:15 (CET) already lies inside 02:30–05:00, which began at the first 02:30.
        Assert.True(BerlinSwitchEdges.IsWorkingTime(new DateTimeOffset(2025, 10, 26, 2, 15, 0, TimeSpan.FromHours(1))));
        Assert.False(BerlinSwitchEdges.IsWorkingTime(new DateTimeOffset(2025, 10, 26, 2, 25, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void AddBusinessDays_KeepsTheLocalClockTime_AcrossADaylightSavingSwitch()
    {
        var friday = new DateTimeOffset(2025, 3, 28, 10, 0, 0, TimeSpan.FromHours(1));

        var result = BerlinOffice.AddBusinessDays(friday, 1);

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.FromHours(2)), result);
        Assert.Equal(TimeSpan.FromHours(2), result.Offset);
    }

    [Fact]
    public void Constructor_RejectsOverlappingPeriods_AndAWeekWithoutWorkingDays()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(
            Shanghai, [WorkingPeriod.Parse("09:00-12:00"), WorkingPeriod.Parse("11:00-13:00")]));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(
            Shanghai, [WorkingPeriod.Parse("09:00-12:00")], weekend: Enum.GetValues<DayOfWeek>()));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Shanghai, []));
        Assert.Throws<FormatException>(() => WorkingPeriod.Parse("9-12"));
        Assert.Throws<ArgumentException>(() => WorkingPeriod.Parse("12:00-09:00"));
    }
}
