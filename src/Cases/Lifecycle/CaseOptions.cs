using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.Lifecycle;

/// <summary>Settings of case handling (section <c>Tongguan:Cases</c>); checked against the reference data at start.</summary>
public sealed class CaseOptions
{
    public const string SectionName = "Tongguan:Cases";

    /// <summary>The unit whose intake agents review possible duplicates and call citizens back (the 12345 hotline).</summary>
    [Required]
    public string IntakeUnitId { get; set; } = "TG-hotline";

    /// <summary>The return (退单) that makes a case disputed and escalates it instead of going back to the dispatcher.</summary>
    [Range(1, 10)]
    public int ReturnsBeforeDispute { get; set; } = 2;

    /// <summary>
    /// Key of the keyed hash of reporters' phone numbers (the duplicate check's "same reporter" without the number).
    /// Set a secret of your own in production; changing it only weakens duplicate detection across the change.
    /// </summary>
    [Required]
    [MinLength(8)]
    public string PhoneHashKey { get; set; } = "tongguan-development-phone-hash-key";

    /// <summary>
    /// Reports one submitter (a caller of POST /api/reports) may send per minute; 0 turns the limit off. Open311
    /// clients go through the same limiter with their own per-key limit (<c>Tongguan:Open311:PostsPerMinute</c>).
    /// </summary>
    [Range(0, 1_000_000)]
    public int ReportsPerMinute { get; set; } = 120;

    /// <summary>How far in the future a report's time may lie (clock skew of phones and sensors).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a report may be when it arrives (late-synced inspector devices).</summary>
    public TimeSpan MaxReportAge { get; set; } = TimeSpan.FromDays(30);
}
