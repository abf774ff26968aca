namespace Tongguan.Cases.Dedup;

/// <summary>A newly submitted report, as the duplicate check sees it.</summary>
/// <param name="CategoryCode">Leaf category code, e.g. "S0501".</param>
/// <param name="CategoryName">Display name of the category (e.g. "占道经营"), used only in reasons; may be null.</param>
/// <param name="Latitude">WGS-84 latitude in degrees.</param>
/// <param name="Longitude">WGS-84 longitude in degrees.</param>
/// <param name="ReportedAt">When the report was made.</param>
/// <param name="Text">The report's free text.</param>
/// <param name="Channel">The channel name (Hotline12345, CitizenApp, GridInspector, IotAlert, LeadershipInstruction, Web).</param>
/// <param name="ReporterPhoneHash">A hash of the reporter's phone number, when there is one; never the number itself.</param>
public sealed record IncomingReport(
    string CategoryCode,
    string? CategoryName,
    double Latitude,
    double Longitude,
    DateTimeOffset ReportedAt,
    string Text,
    string Channel,
    string? ReporterPhoneHash = null)
{
    private readonly string _text = Text ?? string.Empty;
    private TextFingerprint? _fingerprint;

    /// <summary>The report's free text; setting it (also through <c>with</c>) drops the cached profile.</summary>
    public string Text
    {
        get => _text;
        init
        {
            _text = value ?? string.Empty;
            _fingerprint = null;
        }
    }

    /// <summary>The text's bigram profile, computed once.</summary>
    public TextFingerprint Fingerprint => _fingerprint ??= TextFingerprint.Of(_text);
}
