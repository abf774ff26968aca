using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Model;
using static Tongguan.Sla.Tests.Calendars;

namespace Tongguan.Sla.Tests.TimeLimits;

public sealed class TimeLimitCalculatorTests
{
    private readonly TimeLimitCalculator _calculator = new(China);

    [Fact]
    public void BusinessDays_AreWorkingDays_WithTheWarningAtEightyPercentOfTheWorkingTime()
    {
        var schedule = _calculator.Calculate(new TimeLimit("P5D", CalendarKind.Business, null), China8(2025, 9, 30, 16));

        Assert.Equal(China8(2025, 10, 14, 16), schedule.Due);
        // 5 working days = 35 h; 80 % = 28 h: Sep 30 1.5 h, Oct 9/10/11 21 h, Oct 13 5.5 h → 16:00.
        Assert.Equal(China8(2025, 10, 13, 16), schedule.Warning);
    }

    [Fact]
    public void BusinessHours_AreWorkingHours_AndTheLimitsOwnShareWins()
    {
        var schedule = _calculator.Calculate(new TimeLimit("PT4H", CalendarKind.Business, 0.5), China8(2025, 3, 3, 10));

        Assert.Equal(China8(2025, 3, 3, 15, 30), schedule.Due);
        Assert.Equal(China8(2025, 3, 3, 12), schedule.Warning);
    }

    [Fact]
    public void BusinessDaysAndHours_AddTheDaysFirst()
    {
        var schedule = _calculator.Calculate(new TimeLimit("P1DT4H", CalendarKind.Business, null), China8(2025, 3, 7, 16));

        Assert.Equal(China8(2025, 3, 11, 11, 30), schedule.Due);
    }

    [Fact]
    public void NaturalTime_IsElapsedTime_IgnoringHolidays()
    {
        var calculator = new TimeLimitCalculator(China, 0.75);

        var schedule = calculator.Calculate(new TimeLimit("P1DT12H", CalendarKind.Natural, null), China8(2025, 10, 1, 0));

        Assert.Equal(China8(2025, 10, 2, 12), schedule.Due);
        Assert.Equal(China8(2025, 10, 2, 3), schedule.Warning);
    }

    [Theory]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("5 days")]
    [InlineData("P")]
    [InlineData("PT")]
    public void UnsupportedDurations_AreRefused(string duration) =>
        Assert.Throws<FormatException>(() => _calculator.Calculate(new TimeLimit(duration, CalendarKind.Natural, null), China8(2025, 3, 3, 9)));

    [Fact]
    public void WeeksAreRefusedInBusinessTime_AndInvalidSharesEverywhere()
    {
        Assert.Throws<FormatException>(() => _calculator.Calculate(new TimeLimit("P1W", CalendarKind.Business, null), China8(2025, 3, 3, 9)));
        Assert.Equal(China8(2025, 3, 10, 9), _calculator.Calculate(new TimeLimit("P1W", CalendarKind.Natural, null), China8(2025, 3, 3, 9)).Due);
        Assert.Throws<ArgumentOutOfRangeException>(() => _calculator.Calculate(new TimeLimit("P1D", CalendarKind.Business, 1.5), China8(2025, 3, 3, 9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeLimitCalculator(China, 0));
    }

    [Fact]
    public void Extension_MovesTheDueTimeByWorkingDays_AndTheWarningToTheSameShareOfTheLongerLimit()
    {
        var schedule = _calculator.Calculate(new TimeLimit("P2D", CalendarKind.Business, null), China8(2026, 3, 2, 9));

        var extended = _calculator.Extend(schedule, "P1D", CalendarKind.Business);

        Assert.Equal(China8(2026, 3, 5, 9), extended.Due);
        // 3 working days = 21 h; 80 % = 16 h 48 min from Monday 09:00: Monday 7 h, Tuesday 7 h, Wednesday 2 h 48 min.
        Assert.Equal(China8(2026, 3, 4, 11, 48), extended.Warning);
        Assert.Equal(schedule.Start, extended.Start);
    }

    [Fact]
    public void Resume_MovesBothTimesByTheWorkingTimeTheClockStoodStill_NotByTheWeekend()
    {
        var schedule = _calculator.Calculate(new TimeLimit("P2D", CalendarKind.Business, null), China8(2026, 3, 6, 9));
        Assert.Equal(China8(2026, 3, 10, 9), schedule.Due);
        Assert.Equal(China8(2026, 3, 9, 14, 42), schedule.Warning);

        // Friday 16:00 to Monday 10:00 is 2 h 30 min of working time.
        var resumed = _calculator.Resume(schedule, China8(2026, 3, 6, 16), China8(2026, 3, 9, 10), CalendarKind.Business);

        Assert.Equal(China8(2026, 3, 10, 11, 30), resumed.Due);
        Assert.Equal(China8(2026, 3, 9, 17, 12), resumed.Warning);
    }

    [Fact]
    public void Resume_InNaturalTime_MovesByTheElapsedTime_AndAnEmptyPauseMovesNothing()
    {
        var schedule = _calculator.Calculate(new TimeLimit("PT24H", CalendarKind.Natural, null), China8(2026, 3, 6, 9));

        var resumed = _calculator.Resume(schedule, China8(2026, 3, 6, 16), China8(2026, 3, 9, 10), CalendarKind.Natural);
        var unchanged = _calculator.Resume(schedule, China8(2026, 3, 6, 16), China8(2026, 3, 6, 16), CalendarKind.Natural);

        Assert.Equal(schedule.Due + TimeSpan.FromHours(66), resumed.Due);
        Assert.Equal(schedule.Warning + TimeSpan.FromHours(66), resumed.Warning);
        Assert.Equal(schedule, unchanged);
    }
}
