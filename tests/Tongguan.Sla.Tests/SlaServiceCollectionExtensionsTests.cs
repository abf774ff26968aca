using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tongguan.Sla.Calendar;
using Tongguan.Sla.TimeLimits;
using Tongguan.Workflows.Model;

namespace Tongguan.Sla.Tests;

public sealed class SlaServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSla();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddSla_BuildsTheCalendarFromConfigurationAndTheCalendarFiles()
    {
        using var provider = Build(new()
        {
            ["Tongguan:Calendar:TimeZone"] = "Europe/Berlin",
            ["Tongguan:Calendar:WorkingHours:0"] = "08:00-16:00",
            ["Tongguan:Calendar:CalendarsFolder"] = Calendars.ShippedFolder,
            ["Tongguan:Calendar:WarningShare"] = "0.5",
        });

        var calendar = provider.GetRequiredService<BusinessCalendar>();
        var schedule = provider.GetRequiredService<TimeLimitCalculator>()
            .Calculate(new TimeLimit("PT8H", CalendarKind.Business, null), new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal("Europe/Berlin", calendar.TimeZone.Id);
        Assert.Equal([new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(16, 0))], calendar.WorkingHours);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 8)));
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.FromHours(1)), schedule.Warning);
        Assert.Same(calendar, provider.GetRequiredService<BusinessCalendar>());
    }

    [Fact]
    public void AddSla_DefaultsToShanghaiOfficeHours()
    {
        using var provider = Build(new() { ["Tongguan:Calendar:CalendarsFolder"] = Calendars.ShippedFolder });

        var calendar = provider.GetRequiredService<BusinessCalendar>();

        Assert.Equal("Asia/Shanghai", calendar.TimeZone.Id);
        Assert.Equal(["09:00-12:00", "13:30-17:30"], calendar.WorkingHours.Select(p => p.ToString()));
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], calendar.Weekend.Order());
    }

    [Theory]
    [InlineData("Tongguan:Calendar:TimeZone", "Mars/Olympus", "TimeZone")]
    [InlineData("Tongguan:Calendar:WorkingHours:0", "12:00-09:00", "WorkingHours")]
    [InlineData("Tongguan:Calendar:WarningShare", "2", "WarningShare")]
    public void AddSla_RejectsInvalidOptions_NamingTheKey(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BusinessCalendarOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
