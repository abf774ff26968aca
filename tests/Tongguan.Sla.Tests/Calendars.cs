using Tongguan.Sla.Calendar;

namespace Tongguan.Sla.Tests;

internal static class Calendars
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static readonly string ShippedFolder = Path.Combine(AppContext.BaseDirectory, "calendars");

    public static readonly CalendarDays ShippedDays = CalendarFiles.LoadFolder(ShippedFolder);

    /// <summary>Shanghai, 09:00–12:00 and 13:30–17:30, Saturday/Sunday weekend, the shipped 2025/2026 calendars.</summary>
    public static readonly BusinessCalendar China = new(
        Shanghai,
        [WorkingPeriod.Parse("09:00-12:00"), WorkingPeriod.Parse("13:30-17:30")],
        ShippedDays);

    /// <summary>Berlin, every day a working day, with a period spanning both daylight-saving switches (02:00–03:00).</summary>
    public static readonly BusinessCalendar BerlinAcrossSwitches = new(
        Berlin,
        [WorkingPeriod.Parse("01:00-04:00"), WorkingPeriod.Parse("09:00-12:00"), WorkingPeriod.Parse("13:30-17:30")],
        weekend: []);

    /// <summary>Berlin, every day a working day, with periods starting and ending inside the skipped and repeated hours.</summary>
    public static readonly BusinessCalendar BerlinSwitchEdges = new(
        Berlin,
        [WorkingPeriod.Parse("02:10-02:20"), WorkingPeriod.Parse("02:30-05:00"), WorkingPeriod.Parse("09:00-17:00")],
        weekend: []);

    /// <summary>Berlin, office hours, Saturday/Sunday weekend.</summary>
    public static readonly BusinessCalendar BerlinOffice = new(
        Berlin,
        [WorkingPeriod.Parse("08:00-16:00")]);

    public static DateTimeOffset China8(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
