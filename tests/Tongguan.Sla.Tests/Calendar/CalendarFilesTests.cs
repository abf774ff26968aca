using Tongguan.Sla.Calendar;

namespace Tongguan.Sla.Tests.Calendar;

public sealed class CalendarFilesTests
{
    [Theory]
    [InlineData("2025-01-01", false)]
    [InlineData("2025-01-26", true)]
    [InlineData("2025-01-28", false)]
    [InlineData("2025-02-04", false)]
    [InlineData("2025-02-08", true)]
    [InlineData("2025-04-27", true)]
    [InlineData("2025-05-05", false)]
    [InlineData("2025-06-02", false)]
    [InlineData("2025-09-28", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)]
    [InlineData("2025-10-12", false)]
    [InlineData("2026-01-03", false)]
    [InlineData("2026-01-04", true)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-05-09", true)]
    [InlineData("2026-06-19", false)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-09-25", false)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-10", true)]
    [InlineData("2026-10-12", true)]
    public void ShippedCalendars_DecideWorkingDays_AsTheStateCouncilNoticesSay(string date, bool working) =>
        Assert.Equal(working, Calendars.China.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ShippedCalendars_CountTheHolidayDaysOfEachYear()
    {
        Assert.Equal([2025, 2026], Calendars.ShippedDays.CoveredYears);
        Assert.Equal(1 + 8 + 3 + 5 + 3 + 8, Calendars.ShippedDays.Holidays.Keys.Count(d => d.Year == 2025));
        Assert.Equal(3 + 9 + 3 + 5 + 3 + 3 + 7, Calendars.ShippedDays.Holidays.Keys.Count(d => d.Year == 2026));
        Assert.All(Calendars.ShippedDays.WorkingDays.Keys, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    [Fact]
    public void YearWithoutFile_FollowsTheWeeklyPatternOnly()
    {
        Assert.True(Calendars.China.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(Calendars.China.IsWorkingDay(new DateOnly(2027, 1, 2)));
    }

    [Fact]
    public void LocalFile_OverridesNationalDays_ForTheSameDate()
    {
        var national = CalendarFiles.Parse(File.ReadAllText(Path.Combine(Calendars.ShippedFolder, "cn-2025.json")), "cn-2025.json");
        var local = CalendarFiles.Parse(
            """
            {
              "layer": "local",
              "region": "Shenzhen",
              "source": "typhoon warning",
              "holidays": [ { "name": "台风停工", "from": "2025-10-11" } ],
              "workingDays": [ { "date": "2025-10-08", "name": "补班" } ]
            }
            """,
            "sz.json");

        var days = CalendarFiles.Combine([local, national]);

        Assert.Equal("台风停工", days.Holidays[new DateOnly(2025, 10, 11)]);
        Assert.False(days.WorkingDays.ContainsKey(new DateOnly(2025, 10, 11)));
        Assert.Equal("补班", days.WorkingDays[new DateOnly(2025, 10, 8)]);
        Assert.True(days.Holidays.ContainsKey(new DateOnly(2025, 10, 7)));
        Assert.Equal([2025], days.CoveredYears);
    }

    [Fact]
    public void Combine_Throws_WhenTwoFilesOfOneLayerContradictEachOther()
    {
        var a = CalendarFiles.Parse("""{ "holidays": [ { "name": "A", "from": "2025-03-03" } ] }""", "a.json");
        var b = CalendarFiles.Parse("""{ "workingDays": [ { "date": "2025-03-03", "name": "B" } ] }""", "b.json");

        var error = Assert.Throws<InvalidDataException>(() => CalendarFiles.Combine([a, b]));
        Assert.Contains("a.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "holidays": [ { "name": "A", "from": "2025-03-05", "to": "2025-03-03" } ] }""")]
    [InlineData("""{ "holiday": [] }""")]
    [InlineData("""{ "holidays": [ { "name": "A", "from": "2025-02-30" } ] }""")]
    [InlineData("not json")]
    public void Load_RejectsMalformedFiles_NamingTheFile(string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => CalendarFiles.Combine([CalendarFiles.Parse(json, "bad.json")]));
        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CalendarDays_RejectsADateThatIsBothHolidayAndWorkingDay()
    {
        var date = new DateOnly(2025, 3, 3);

        var error = Assert.Throws<ArgumentException>(() => new CalendarDays(
            new Dictionary<DateOnly, string> { [date] = "A" }, new Dictionary<DateOnly, string> { [date] = "B" }, []));
        Assert.Contains("2025-03-03", error.Message, StringComparison.Ordinal);
    }
}
