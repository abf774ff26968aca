using Tongguan.Sla.Mining;
using Tongguan.Workflows.Model;
using static Tongguan.Sla.Tests.Calendars;

namespace Tongguan.Sla.Tests.Mining;

public sealed class DurationMeterTests
{
    private readonly DurationMeter _meter = new(China);

    [Fact]
    public void WorkingDay_IsTheSumOfTheWorkingPeriods() => Assert.Equal(TimeSpan.FromHours(7), _meter.WorkingDay);

    [Fact]
    public void Business_CountsWorkingTimeOnly_AndSkipsPauses()
    {
        // Friday 16:00 → Monday 10:00: 1.5 h on Friday, 1 h on Monday; a pause over Monday 09:00–09:30 takes half an hour.
        Assert.Equal(TimeSpan.FromHours(2.5), _meter.Business(China8(2025, 3, 7, 16), China8(2025, 3, 10, 10)));
        Assert.Equal(
            TimeSpan.FromHours(2),
            _meter.Business(China8(2025, 3, 7, 16), China8(2025, 3, 10, 10), [new(China8(2025, 3, 10, 9), China8(2025, 3, 10, 9, 30))]));
    }

    [Fact]
    public void Natural_SubtractsOverlappingPausesOnce()
    {
        var from = China8(2025, 3, 3, 0);
        var to = China8(2025, 3, 4, 0);

        var elapsed = DurationMeter.Natural(from, to, [new(China8(2025, 3, 3, 1), China8(2025, 3, 3, 4)), new(China8(2025, 3, 3, 3), China8(2025, 3, 3, 5))]);

        Assert.Equal(TimeSpan.FromHours(20), elapsed);
    }

    [Fact]
    public void Measure_IsZero_WhenTheEndIsNotAfterTheStart() =>
        Assert.Equal(TimeSpan.Zero, _meter.Measure(China8(2025, 3, 3, 10), China8(2025, 3, 3, 9), CalendarKind.Business));

    [Theory]
    [InlineData("P5D", CalendarKind.Business, 35)]
    [InlineData("P1DT4H", CalendarKind.Business, 11)]
    [InlineData("PT4H", CalendarKind.Business, 4)]
    [InlineData("P1W", CalendarKind.Natural, 168)]
    [InlineData("P1DT12H", CalendarKind.Natural, 36)]
    public void LengthOf_CountsDaysInTheLimitsOwnKindOfDay(string limit, CalendarKind kind, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), _meter.LengthOf(limit, kind));

    [Fact]
    public void LengthOf_RefusesWeeksInBusinessTime() =>
        Assert.Throws<FormatException>(() => _meter.LengthOf("P1W", CalendarKind.Business));

    [Theory]
    [InlineData(17.5, CalendarKind.Business, "P2DT3H30M")]
    [InlineData(21, CalendarKind.Business, "P3D")]
    [InlineData(5, CalendarKind.Business, "PT5H")]
    [InlineData(36, CalendarKind.Natural, "P1DT12H")]
    [InlineData(0, CalendarKind.Natural, "PT0S")]
    public void Format_WritesWholeDaysOfTheKindAndTheRestAsTime(double hours, CalendarKind kind, string expected)
    {
        var text = _meter.Format(TimeSpan.FromHours(hours), kind);

        Assert.Equal(expected, text);
        Assert.Equal(TimeSpan.FromHours(hours), _meter.LengthOf(text, kind));
    }
}
