namespace Tongguan.Cases.Dedup.Tests;

public sealed class DuplicateDetectorTests
{
    private const double Latitude = 30.25;
    private const double Longitude = 120.15;
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Score_IsNull_WhenCategoriesAreUnrelated()
    {
        var detector = new DuplicateDetector(new DedupOptions());

        Assert.Null(detector.Score(Report("S0301"), Case("S0201")));
    }

    [Fact]
    public void Score_IsNull_BeyondTheRadius()
    {
        var detector = new DuplicateDetector(new DedupOptions { RadiusMetres = 200 });

        Assert.Null(detector.Score(Report(metresNorth: 201), Case()));
        Assert.NotNull(detector.Score(Report(metresNorth: 199), Case()));
    }

    [Fact]
    public void Score_IsNull_OutsideTheTimeWindow()
    {
        var detector = new DuplicateDetector(new DedupOptions { TimeWindow = TimeSpan.FromHours(72) });

        Assert.Null(detector.Score(Report(hoursLater: 73), Case()));
        Assert.NotNull(detector.Score(Report(hoursLater: 71), Case()));
    }

    [Fact]
    public void Score_MeasuresTimeToTheCasesLatestReport()
    {
        var detector = new DuplicateDetector(new DedupOptions { TimeWindow = TimeSpan.FromHours(72) });
        var merged = Case().WithMergedReport("中山路12号有摊贩占道经营", Noon.AddHours(60), "CitizenApp", null);

        var suggestion = detector.Score(Report(hoursLater: 100), merged);

        Assert.NotNull(suggestion);
        Assert.Equal(TimeSpan.FromHours(40), suggestion.Factors.TimeApart);
    }

    [Fact]
    public void Score_IsOne_ForAnIdenticalReportAtTheSamePlaceAndTime()
    {
        var detector = new DuplicateDetector(new DedupOptions());

        var suggestion = detector.Score(Report(), Case());

        Assert.NotNull(suggestion);
        Assert.Equal(1.0, suggestion.Score, 9);
        Assert.Equal(AddressAgreement.Same, suggestion.Factors.Address);
        Assert.Equal(DedupDecision.AutoMerge, suggestion.Decision);
    }

    [Fact]
    public void Score_IsTheWeightedMeanOfTheFactors()
    {
        // Distance 100 m of 200 → 0.75; 36 h of 72 → 0.5; related category → 0.5; texts share nothing → 0; no numbers → 0.5.
        var detector = new DuplicateDetector(new DedupOptions
        {
            DistanceWeight = 1, TimeWeight = 1, CategoryWeight = 1, TextWeight = 1, AddressWeight = 1, RelatedCategoryFactor = 0.5,
        });

        var suggestion = detector.Score(
            Report("S0202", metresNorth: 100, hoursLater: 36, text: "夜宵摊油烟呛人"), Case("S0201", text: "路口有人摆地摊"));

        Assert.NotNull(suggestion);
        Assert.Equal(100, suggestion.Factors.DistanceMetres, 1);
        Assert.Equal((0.75 + 0.5 + 0.5 + 0 + 0.5) / 5, suggestion.Score, 3);
    }

    [Fact]
    public void Score_AddsTheSameReporterBonus()
    {
        var options = new DedupOptions { DistanceWeight = 1, TimeWeight = 0, CategoryWeight = 0, TextWeight = 0, AddressWeight = 0, SameReporterBonus = 0.15 };
        var detector = new DuplicateDetector(options);
        var known = Case();
        var calledBefore = new OpenCase(known.CaseId, known.CategoryCode, known.CategoryName, Latitude, Longitude, Noon, known.Text, known.Channel)
        {
            ReporterPhoneHashes = ["hash-1"],
        };

        var stranger = detector.Score(Report(metresNorth: 100) with { ReporterPhoneHash = "hash-2" }, calledBefore);
        var sameCaller = detector.Score(Report(metresNorth: 100) with { ReporterPhoneHash = "hash-1" }, calledBefore);

        Assert.Equal(0.75, stranger!.Score, 3);
        Assert.Equal(0.90, sameCaller!.Score, 3);
        Assert.Contains(sameCaller.Reasons, r => r.Code == "reporter");
    }

    [Fact]
    public void Score_TreatsDifferentHouseNumbersAsEvidenceAgainst()
    {
        var detector = new DuplicateDetector(new DedupOptions());

        var same = detector.Score(Report(text: "中山路13号有摊贩占道经营"), Case(text: "中山路12号有摊贩占道经营"));
        var different = detector.Score(Report(text: "中山路88号有摊贩占道经营"), Case(text: "中山路12号有摊贩占道经营"));

        Assert.Equal(AddressAgreement.Same, same!.Factors.Address);
        Assert.Equal(AddressAgreement.Different, different!.Factors.Address);
        Assert.True(same.Score > different.Score);
    }

    [Fact]
    public void Score_ExplainsItselfInPlainWords()
    {
        var detector = new DuplicateDetector(new DedupOptions());

        var suggestion = detector.Score(Report(metresNorth: 82, hoursLater: 3), Case());

        Assert.NotNull(suggestion);
        Assert.Equal(
            ["82 m away", "same category 占道经营", "reported 3 h apart", "text 100% similar", "same house number"],
            suggestion.Reasons.Select(r => r.Text));
    }

    [Theory]
    [InlineData(0.75, 0.80, DedupDecision.Suggest)]
    [InlineData(0.70, 0.75, DedupDecision.AutoMerge)]
    [InlineData(0.76, 0.80, DedupDecision.None)]
    public void Detect_DecidesByThresholds_InclusiveAtEachThreshold(double suggest, double autoMerge, DedupDecision expected)
    {
        // Only distance counts: 100 m of 200 m scores exactly 0.75.
        var detector = new DuplicateDetector(new DedupOptions
        {
            DistanceWeight = 1, TimeWeight = 0, CategoryWeight = 0, TextWeight = 0, AddressWeight = 0,
            SuggestThreshold = suggest, AutoMergeThreshold = autoMerge,
        });

        var result = detector.Detect(Report(metresNorth: 100), [Case()]);

        Assert.Equal(expected, result.Decision);
        Assert.Equal(expected == DedupDecision.None ? 0 : 1, result.Suggestions.Count);
    }

    [Fact]
    public void Detect_RanksBestFirstAndCapsTheList()
    {
        var detector = new DuplicateDetector(new DedupOptions
        {
            DistanceWeight = 1, TimeWeight = 0, CategoryWeight = 0, TextWeight = 0, AddressWeight = 0,
            SuggestThreshold = 0.1, AutoMergeThreshold = 0.99, MaxSuggestions = 2,
        });
        OpenCase[] cases = [Case("S0201", "far", metresNorth: 150), Case("S0201", "near", metresNorth: 10), Case("S0201", "middle", metresNorth: 80)];

        var result = detector.Detect(Report(), cases);

        Assert.Equal(["near", "middle"], result.Suggestions.Select(s => s.CaseId));
        Assert.Equal("near", result.Best?.CaseId);
    }

    [Fact]
    public void Detect_LeavesTwoEquallyGoodCasesToTheAgent()
    {
        var detector = new DuplicateDetector(new DedupOptions { AutoMergeMargin = 0.05 });

        var result = detector.Detect(Report(), [Case(caseId: "C-1"), Case(caseId: "C-2")]);

        Assert.All(result.Suggestions, s => Assert.Equal(DedupDecision.AutoMerge, s.Decision));
        Assert.Equal(DedupDecision.Suggest, result.Decision);
    }

    [Fact]
    public void Detect_ReturnsNone_WhenNothingIsClose()
    {
        var detector = new DuplicateDetector(new DedupOptions());

        var result = detector.Detect(Report(), [Case("B0101"), Case(metresNorth: 500)]);

        Assert.Equal(DedupDecision.None, result.Decision);
        Assert.Empty(result.Suggestions);
        Assert.Null(result.Best);
    }

    private static IncomingReport Report(
        string category = "S0201", double metresNorth = 0, double hoursLater = 0, string text = "中山路12号有摊贩占道经营") =>
        new(category, "占道经营", Latitude + (metresNorth / GeoDistance.MetresPerDegree), Longitude, Noon.AddHours(hoursLater), text, "Hotline12345");

    private static OpenCase Case(string category = "S0201", string caseId = "C-1", double metresNorth = 0, string text = "中山路12号有摊贩占道经营") =>
        new(caseId, category, category == "S0201" ? "占道经营" : null, Latitude + (metresNorth / GeoDistance.MetresPerDegree), Longitude, Noon, text, "CitizenApp");
}
