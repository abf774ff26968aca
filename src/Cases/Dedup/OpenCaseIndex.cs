namespace Tongguan.Cases.Dedup;

/// <summary>
/// Open cases by spatial bucket, in memory: the lookup intake's database query does (bucket keys around the report,
/// then the time window), for tests, the labelled-set evaluation and the benchmark. Not thread-safe.
/// </summary>
public sealed class OpenCaseIndex
{
    private readonly Dictionary<long, List<OpenCase>> _buckets = [];
    private readonly Dictionary<string, OpenCase> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    /// <summary>Number of non-empty buckets.</summary>
    public int BucketCount => _buckets.Count;

    /// <summary>Adds a case, or replaces the snapshot with the same case id (e.g. after a merge).</summary>
    public void Upsert(OpenCase openCase)
    {
        ArgumentNullException.ThrowIfNull(openCase);
        Remove(openCase.CaseId);
        var key = openCase.BucketKey;
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = [];
            _buckets.Add(key, bucket);
        }

        bucket.Add(openCase);
        _byId.Add(openCase.CaseId, openCase);
    }

    /// <summary>Removes a case (closed or merged away); false when it was not indexed.</summary>
    public bool Remove(string caseId)
    {
        if (!_byId.Remove(caseId, out var existing))
        {
            return false;
        }

        var key = existing.BucketKey;
        var bucket = _buckets[key];
        bucket.Remove(existing);
        if (bucket.Count == 0)
        {
            _buckets.Remove(key);
        }

        return true;
    }

    public OpenCase? Find(string caseId) => _byId.GetValueOrDefault(caseId);

    /// <summary>
    /// The cases in the buckets around the point whose report times overlap the window around
    /// <paramref name="reportedAt"/>. A superset of the duplicates: the detector applies the exact radius.
    /// </summary>
    public IEnumerable<OpenCase> CandidatesNear(double latitude, double longitude, DateTimeOffset reportedAt, double radiusMetres, TimeSpan window)
    {
        var earliest = reportedAt - window;
        var latest = reportedAt + window;
        foreach (var key in DedupBuckets.KeysAround(latitude, longitude, radiusMetres))
        {
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                continue;
            }

            foreach (var openCase in bucket)
            {
                if (openCase.LastReportedAt >= earliest && openCase.ReportedAt <= latest)
                {
                    yield return openCase;
                }
            }
        }
    }

    /// <summary>Candidate lookup and scoring in one call, with the detector's radius and window.</summary>
    public DedupResult Detect(DuplicateDetector detector, IncomingReport report)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(report);
        var options = detector.Options;
        return detector.Detect(
            report, CandidatesNear(report.Latitude, report.Longitude, report.ReportedAt, options.RadiusMetres, options.TimeWindow));
    }
}
