namespace Tongguan.Cases.Dedup;

/// <summary>
/// An open case as a duplicate candidate: its first report's fields plus what later merged reports added.
/// A snapshot: do not mutate the lists after handing it to the detector (the text profiles are computed once).
/// </summary>
public sealed class OpenCase
{
    private TextFingerprint[]? _fingerprints;

    public OpenCase(
        string caseId,
        string categoryCode,
        string? categoryName,
        double latitude,
        double longitude,
        DateTimeOffset reportedAt,
        string text,
        string channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        ArgumentException.ThrowIfNullOrEmpty(categoryCode);
        CaseId = caseId;
        CategoryCode = categoryCode;
        CategoryName = categoryName;
        Latitude = latitude;
        Longitude = longitude;
        ReportedAt = reportedAt;
        LastReportedAt = reportedAt;
        Text = text ?? string.Empty;
        Channel = channel ?? string.Empty;
        Channels = [Channel];
    }

    public string CaseId { get; }

    public string CategoryCode { get; }

    public string? CategoryName { get; }

    public double Latitude { get; }

    public double Longitude { get; }

    /// <summary>When the case's first report came in.</summary>
    public DateTimeOffset ReportedAt { get; }

    /// <summary>When its latest merged report came in (equal to <see cref="ReportedAt"/> until a merge).</summary>
    public DateTimeOffset LastReportedAt { get; init; }

    public string Text { get; }

    public string Channel { get; }

    /// <summary>Texts of the reports already merged into the case (the first report's text excluded).</summary>
    public IReadOnlyList<string> MergedReportTexts { get; init; } = [];

    /// <summary>Phone hashes of everyone who reported the case.</summary>
    public IReadOnlyCollection<string> ReporterPhoneHashes { get; init; } = [];

    /// <summary>Channels the case has been reported through, the first included.</summary>
    public IReadOnlyCollection<string> Channels { get; init; }

    /// <summary>Bucket key of the case's location (<see cref="DedupBuckets.KeyOf"/>): the indexed column intake queries.</summary>
    public long BucketKey => DedupBuckets.KeyOf(Latitude, Longitude);

    /// <summary>Bigram profiles of the case text and every merged text, computed once.</summary>
    public IReadOnlyList<TextFingerprint> Fingerprints => _fingerprints ??= BuildFingerprints();

    /// <summary>A new snapshot with one more merged report (the case's location and category stay the first report's).</summary>
    public OpenCase WithMergedReport(string text, DateTimeOffset reportedAt, string channel, string? reporterPhoneHash)
    {
        var hashes = new List<string>(ReporterPhoneHashes);
        if (!string.IsNullOrEmpty(reporterPhoneHash) && !hashes.Contains(reporterPhoneHash, StringComparer.Ordinal))
        {
            hashes.Add(reporterPhoneHash);
        }

        var channels = new List<string>(Channels);
        if (!channels.Contains(channel, StringComparer.Ordinal))
        {
            channels.Add(channel);
        }

        return new OpenCase(CaseId, CategoryCode, CategoryName, Latitude, Longitude, ReportedAt, Text, Channel)
        {
            LastReportedAt = reportedAt > LastReportedAt ? reportedAt : LastReportedAt,
            MergedReportTexts = [.. MergedReportTexts, text],
            ReporterPhoneHashes = hashes,
            Channels = channels,
        };
    }

    private TextFingerprint[] BuildFingerprints()
    {
        var result = new TextFingerprint[1 + MergedReportTexts.Count];
        result[0] = TextFingerprint.Of(Text);
        for (var i = 0; i < MergedReportTexts.Count; i++)
        {
            result[i + 1] = TextFingerprint.Of(MergedReportTexts[i]);
        }

        return result;
    }
}
