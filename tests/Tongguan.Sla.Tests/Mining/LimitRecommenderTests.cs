using System.ComponentModel.DataAnnotations;
using Tongguan.Sla.Mining.Limits;
using Tongguan.Workflows.Model;
using static Tongguan.Sla.Tests.Calendars;
using static Tongguan.Sla.Tests.Mining.MiningRecords;

namespace Tongguan.Sla.Tests.Mining;

public sealed class LimitRecommenderTests
{
    private readonly LimitRecommender _recommender = new(China);

    [Fact]
    public void PapersExample_FiveWorkingDaysAlmostAlwaysDoneInTwo_GetsAboutThree()
    {
        // 200 steps limited to P5D: 190 spread evenly up to 2 working days (14 h), 10 between 2 and about 5 days.
        var durations = Enumerable.Range(0, 200)
            .Select(i => i < 190 ? Hours(14.0 * (i + 1) / 190) : Hours(14 + (2 * (i - 189))))
            .ToList();
        var opened = durations.ToArray();
        new Random(20250303).Shuffle(opened);

        var recommendation = Assert.Single(_recommender.Recommend(Durations(opened)));

        Assert.Equal(200, recommendation.SampleSize);
        Assert.Equal("P5D", recommendation.CurrentLimit);
        Assert.Equal(Hours(35), recommendation.CurrentLimitLength);
        Assert.True(durations.Count(d => d <= Hours(14)) >= 190);
        // p90 at rank 179.1: 180/190 and 181/190 of 14 h → 13.27 h; × 1.2 = 15.92 h, over two days → up to the whole day: 21 h.
        Assert.Equal(14.0 * 180.1 / 190, recommendation.P90.TotalHours, 6);
        Assert.Equal("P3D", recommendation.RecommendedLimit);
        var days = recommendation.RecommendedLength / TimeSpan.FromHours(7);
        Assert.Equal(3, days);
        Assert.Equal(LimitChange.Tighten, recommendation.Change);
        Assert.False(recommendation.LimitTooTight);
        Assert.Equal(0, recommendation.CurrentLimitExceededRate);
        Assert.Equal(0, recommendation.CurrentBreachRate);
        // Would have been exceeded by the tail steps of 22 h … 34 h: 7 of 200.
        Assert.Equal(0.035, recommendation.RecommendedBreachRate, 12);
        Assert.Empty(recommendation.Notes);
    }

    [Fact]
    public void Recommendation_IsNeverLooserThanToday_WhenTodaysLimitIsRarelyExceeded()
    {
        // p90 3.5 h × 1.2 = 4.2 h → 5 h, above PT4H; but only 8 % exceeded PT4H, which is not too tight.
        var steps = Durations([.. Repeat(92, 3.5), .. Repeat(8, 4.5)], limit: "PT4H");

        var recommendation = Assert.Single(_recommender.Recommend(steps));

        Assert.Equal(LimitChange.Keep, recommendation.Change);
        Assert.False(recommendation.LimitTooTight);
        Assert.Equal("PT4H", recommendation.RecommendedLimit);
        Assert.Equal(Hours(4), recommendation.RecommendedLength);
        Assert.Equal(0.08, recommendation.CurrentLimitExceededRate!.Value, 12);
        Assert.Equal(0.08, recommendation.RecommendedBreachRate, 12);
        Assert.Contains("kept", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendation_MayBeLooser_WhenTodaysLimitIsTooTight()
    {
        // 30 % took longer than PT2H: p90 3 h × 1.2 = 3.6 h → 4 h.
        var steps = Durations([.. Repeat(70, 1.5), .. Repeat(30, 3)], limit: "PT2H", breached: i => i >= 70);

        var recommendation = Assert.Single(_recommender.Recommend(steps));

        Assert.True(recommendation.LimitTooTight);
        Assert.Equal(LimitChange.Loosen, recommendation.Change);
        Assert.Equal("PT4H", recommendation.RecommendedLimit);
        Assert.Equal(0.3, recommendation.CurrentBreachRate!.Value, 12);
        Assert.Equal(0.3, recommendation.CurrentLimitExceededRate!.Value, 12);
        Assert.Equal(0, recommendation.RecommendedBreachRate);
        Assert.StartsWith("Limit too tight", recommendation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommendation_KeepsToday_WhenTheHistoryRoundsToIt()
    {
        // p90 2.5 h × 1.2 = 3 h, which is today's limit.
        var recommendation = Assert.Single(_recommender.Recommend(Durations(Repeat(40, 2.5), limit: "PT3H")));

        Assert.Equal(LimitChange.Keep, recommendation.Change);
        Assert.Equal("PT3H", recommendation.RecommendedLimit);
    }

    [Fact]
    public void StepsWithoutALimit_GetAFirstProposal()
    {
        var recommendation = Assert.Single(_recommender.Recommend(Durations(Repeat(40, 10), limit: null)));

        Assert.Equal(LimitChange.Introduce, recommendation.Change);
        Assert.Null(recommendation.CurrentLimit);
        Assert.Null(recommendation.CurrentBreachRate);
        // 10 h × 1.2 = 12 h → 14 h (two working days).
        Assert.Equal("P2D", recommendation.RecommendedLimit);
    }

    [Fact]
    public void SmallSamples_AreNoted()
    {
        var recommendation = Assert.Single(_recommender.Recommend(Durations(Repeat(10, 2))));

        var note = Assert.Single(recommendation.Notes);
        Assert.Equal(ConfidenceNoteKind.SmallSample, note.Kind);
        Assert.Contains("10", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_IsNoted_WhenTheLaterHalfsMedianMovedByMoreThanAQuarter()
    {
        var drifting = Assert.Single(_recommender.Recommend(Durations([.. Repeat(20, 2), .. Repeat(20, 3)])));
        var steady = Assert.Single(_recommender.Recommend(Durations([.. Repeat(20, 2), .. Repeat(20, 2.4)])));

        Assert.Equal(ConfidenceNoteKind.Drift, Assert.Single(drifting.Notes).Kind);
        Assert.Empty(steady.Notes);
    }

    [Fact]
    public void HeavyTails_AreNoted()
    {
        var recommendation = Assert.Single(_recommender.Recommend(Durations([.. Repeat(18, 1), .. Repeat(2, 10), .. Repeat(18, 1), .. Repeat(2, 10)])));

        Assert.Equal(ConfidenceNoteKind.HeavyTail, Assert.Single(recommendation.Notes).Kind);
    }

    [Fact]
    public void ChangedLimits_AreNoted_AndTheLatestIsToday()
    {
        var steps = Durations(Repeat(40, 2)).Select((s, i) => i < 20 ? s with { Limit = "P1D" } : s);

        var recommendation = Assert.Single(_recommender.Recommend(steps));

        Assert.Equal("P5D", recommendation.CurrentLimit);
        Assert.Equal(ConfidenceNoteKind.MixedLimits, Assert.Single(recommendation.Notes).Kind);
    }

    [Fact]
    public void Departments_GetTheirOwnRecommendation_OnlyWithEnoughHistory()
    {
        var recommender = new LimitRecommender(China, new LimitRecommenderOptions { DepartmentMinSample = 50 });
        var steps = Durations(Repeat(60, 2), orgUnit: "城管").Concat(Durations(Repeat(20, 20), orgUnit: "住建"));

        var recommendations = recommender.Recommend(steps);

        Assert.Equal([null, "城管"], recommendations.Select(r => r.OrgUnit));
        Assert.Equal(80, recommendations[0].SampleSize);
        Assert.Equal(60, recommendations[1].SampleSize);
        // 2 h × 1.2 = 2.4 h → 3 h for 城管 alone.
        Assert.Equal("PT3H", recommendations[1].RecommendedLimit);
    }

    [Fact]
    public void ADepartmentThatDidAllTheWork_GetsNoSecondRecommendation()
    {
        var recommender = new LimitRecommender(China, new LimitRecommenderOptions { DepartmentMinSample = 50 });

        var recommendation = Assert.Single(recommender.Recommend(Durations(Repeat(60, 2), orgUnit: "城管")));

        Assert.Null(recommendation.OrgUnit);
    }

    [Fact]
    public void NaturalLimits_MeasureElapsedTime()
    {
        // Opened Friday 16:00, done Monday 10:00: 66 h elapsed (2.5 working hours).
        var steps = Enumerable.Range(0, 40).Select(i => Step(
            $"n{i}", "verify", China8(2025, 3, 7, 16), China8(2025, 3, 10, 10), limit: "P5D", calendar: CalendarKind.Natural));

        var recommendation = Assert.Single(_recommender.Recommend(steps));

        Assert.Equal(CalendarKind.Natural, recommendation.Calendar);
        Assert.Equal(Hours(66), recommendation.Median);
        // 66 h × 1.2 = 79.2 h → 4 days of 24 h.
        Assert.Equal("P4D", recommendation.RecommendedLimit);
    }

    [Fact]
    public void OpenSteps_AreNotCounted()
    {
        var steps = Durations(Repeat(40, 2)).Append(Step("open", "handle", China8(2025, 3, 3, 9), completed: null));

        Assert.Equal(40, Assert.Single(_recommender.Recommend(steps)).SampleSize);
    }

    [Fact]
    public async Task RecommendAsync_StreamsTheSameRecommendations()
    {
        var steps = Durations([.. Repeat(30, 2), .. Repeat(10, 9)]).ToList();

        var streamed = await _recommender.RecommendAsync(steps.ToAsyncEnumerable(), CancellationToken.None);

        Assert.Equal(_recommender.Recommend(steps).Select(r => (r.RecommendedLimit, r.P90)), streamed.Select(r => (r.RecommendedLimit, r.P90)));
    }

    [Theory]
    [InlineData(1.5, 0.2)]
    [InlineData(0.9, -0.1)]
    public void Options_OutOfRange_AreRefused(double quantile, double margin) =>
        Assert.Throws<ValidationException>(() => new LimitRecommender(China, new LimitRecommenderOptions { Quantile = quantile, Margin = margin }));
}
