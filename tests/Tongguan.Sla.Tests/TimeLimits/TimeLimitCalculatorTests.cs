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
}
