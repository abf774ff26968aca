using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tongguan.Sla.Calendar;

/// <summary>The business calendar's settings, bound from <see cref="SectionName"/>.</summary>
public sealed class BusinessCalendarOptions
{
    public const string SectionName = "Tongguan:Calendar";

    public static readonly IReadOnlyList<string> DefaultWorkingHours = ["09:00-12:00", "13:30-17:30"];

    /// <summary>IANA (or Windows) time zone id the working hours and dates are read in.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Working periods as <c>HH:mm-HH:mm</c>; empty means <see cref="DefaultWorkingHours"/>. (Empty by default because
    /// configuration binding appends to a list instead of replacing it.)
    /// </summary>
    public IList<string> WorkingHours { get; } = [];

    /// <summary>Non-working days of the week; empty means Saturday and Sunday.</summary>
    public IList<DayOfWeek> Weekend { get; } = [];

    /// <summary>
    /// Folder of calendar files (<c>*.json</c>); relative to the content root. Null: the repository's
    /// <c>definitions/calendars</c>, found by walking up from the content root to the folder holding <c>Tongguan.slnx</c>.
    /// </summary>
    public string? CalendarsFolder { get; set; }

    /// <summary>Share of a time limit after which it turns yellow, unless the limit sets its own.</summary>
    [Range(0.01, 1.0)]
    public double WarningShare { get; set; } = 0.8;

    internal IEnumerable<WorkingPeriod> ParseWorkingHours() =>
        (WorkingHours.Count == 0 ? DefaultWorkingHours : [.. WorkingHours]).Select(WorkingPeriod.Parse);

    internal IEnumerable<DayOfWeek> EffectiveWeekend() =>
        Weekend.Count == 0 ? [DayOfWeek.Saturday, DayOfWeek.Sunday] : Weekend;
}

/// <summary>Checks what data annotations cannot: the zone exists and the working periods make a valid day.</summary>
internal sealed class BusinessCalendarOptionsValidator : IValidateOptions<BusinessCalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessCalendarOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add($"{BusinessCalendarOptions.SectionName}:TimeZone '{options.TimeZone}' is not a known time zone.");
        }

        try
        {
            _ = new BusinessCalendar(TimeZoneInfo.Utc, options.ParseWorkingHours(), weekend: options.EffectiveWeekend());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            failures.Add($"{BusinessCalendarOptions.SectionName}:WorkingHours/Weekend: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
