namespace Tongguan.Cases.Dedup.Tests;

public sealed class OpenCaseIndexTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void CandidatesNear_FindsACaseInTheNeighbouringBucket_AcrossTheEdge()
    {
        var index = new OpenCaseIndex();
        // 30.2500 is a cell edge: the case sits 11 m south of it, the report 11 m north.
        index.Upsert(Case("C-1", 30.2499, 120.1512, Noon));

        var candidates = index.CandidatesNear(30.2501, 120.1512, Noon, 200, TimeSpan.FromHours(72)).ToList();

        Assert.NotEqual(DedupBuckets.KeyOf(30.2499, 120.1512), DedupBuckets.KeyOf(30.2501, 120.1512));
        Assert.Equal(["C-1"], candidates.Select(c => c.CaseId));
    }

    [Fact]
    public void CandidatesNear_SkipsCasesFarAwayOrOutsideTheWindow()
    {
        var index = new OpenCaseIndex();
        index.Upsert(Case("near-now", 30.2501, 120.1501, Noon));
        index.Upsert(Case("far", 30.2601, 120.1501, Noon));
        index.Upsert(Case("weeks-ago", 30.2501, 120.1501, Noon.AddDays(-20)));
        index.Upsert(Case("next-day", 30.2502, 120.1502, Noon.AddDays(1)));

        var candidates = index.CandidatesNear(30.2501, 120.1501, Noon, 200, TimeSpan.FromHours(72)).Select(c => c.CaseId).Order().ToList();

        Assert.Equal(["near-now", "next-day"], candidates);
    }

    [Fact]
    public void Upsert_ReplacesTheSnapshot_AndRemoveDropsIt()
    {
        var index = new OpenCaseIndex();
        var original = Case("C-1", 30.2501, 120.1501, Noon);
        index.Upsert(original);

        index.Upsert(original.WithMergedReport("井盖不见了", Noon.AddHours(2), "CitizenApp", "hash"));

        Assert.Equal(1, index.Count);
        Assert.Equal(["井盖不见了"], index.Find("C-1")!.MergedReportTexts);
        Assert.Equal(["Hotline12345", "CitizenApp"], index.Find("C-1")!.Channels);
        Assert.True(index.Remove("C-1"));
        Assert.False(index.Remove("C-1"));
        Assert.Equal(0, index.BucketCount);
    }

    [Fact]
    public void Detect_LooksUpAndScoresInOneCall()
    {
        var index = new OpenCaseIndex();
        index.Upsert(Case("C-1", 30.2501, 120.1501, Noon));
        var detector = new DuplicateDetector(new DedupOptions());
        var report = new IncomingReport("B0101", "井盖缺失", 30.2502, 120.1501, Noon.AddHours(1), "解放路12号井盖不见了", "CitizenApp");

        var result = index.Detect(detector, report);

        Assert.NotEqual(DedupDecision.None, result.Decision);
        Assert.Equal("C-1", result.Best?.CaseId);
    }

    private static OpenCase Case(string id, double latitude, double longitude, DateTimeOffset reportedAt) =>
        new(id, "B0101", "井盖缺失", latitude, longitude, reportedAt, "解放路12号井盖不见了", "Hotline12345");
}
