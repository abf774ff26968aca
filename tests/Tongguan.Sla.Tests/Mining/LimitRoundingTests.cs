using Tongguan.Sla.Mining.Limits;

namespace Tongguan.Sla.Tests.Mining;

public sealed class LimitRoundingTests
{
    [Theory]
    // Up to one working day (7 h): whole hours, at least one.
    [InlineData(0, 1)]
    [InlineData(0.2, 1)]
    [InlineData(2.1, 3)]
    [InlineData(3, 3)]
    [InlineData(6.5, 7)]
    [InlineData(7, 7)]
    // Up to two working days: half days of 3.5 h.
    [InlineData(7.1, 10.5)]
    [InlineData(10.5, 10.5)]
    [InlineData(13.9, 14)]
    [InlineData(14, 14)]
    // Beyond: whole working days.
    [InlineData(14.1, 21)]
    [InlineData(15.92, 21)]
    [InlineData(21, 21)]
    [InlineData(21.1, 28)]
    [InlineData(30, 35)]
    public void RoundUp_UsesHoursThenHalfDaysThenDays(double rawHours, double expectedHours) =>
        Assert.Equal(TimeSpan.FromHours(expectedHours), LimitRounding.RoundUp(TimeSpan.FromHours(rawHours), TimeSpan.FromHours(7)));

    [Fact]
    public void RoundUp_NeverPassesADayThatIsNotWholeHours() =>
        Assert.Equal(TimeSpan.FromHours(7.5), LimitRounding.RoundUp(TimeSpan.FromHours(7.2), TimeSpan.FromHours(7.5)));

    [Fact]
    public void RoundUp_UsesNaturalDaysForNaturalLimits() =>
        Assert.Equal(TimeSpan.FromHours(36), LimitRounding.RoundUp(TimeSpan.FromHours(25), TimeSpan.FromDays(1)));
}
