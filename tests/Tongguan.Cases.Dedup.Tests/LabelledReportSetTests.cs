using Tongguan.Cases.Dedup.Synthetic;

namespace Tongguan.Cases.Dedup.Tests;

public sealed class LabelledReportSetTests
{
    private static readonly IReadOnlyList<LabelledReport> Set = LabelledReportSet.Generate();

    [Fact]
    public void Generate_IsDeterministicForASeed_AndDiffersAcrossSeeds()
    {
        var again = LabelledReportSet.Generate();
        var other = LabelledReportSet.Generate(seed: 1);

        Assert.Equal(Set.Select(r => r.Report), again.Select(r => r.Report));
        Assert.NotEqual(Set.Select(r => r.Report.Text), other.Select(r => r.Report.Text));
    }

    [Fact]
    public void Generate_MakesSeveralThousandReportsInTimeOrder()
    {
        Assert.True(Set.Count >= 3_000, $"{Set.Count} reports");
        Assert.True(Set.Zip(Set.Skip(1)).All(pair => pair.First.Report.ReportedAt <= pair.Second.Report.ReportedAt));
    }

    [Fact]
    public void Generate_ReportsDuplicatesFromSeveralChannels_WithParaphrasedText()
    {
        var incidents = Set.GroupBy(r => r.IncidentId).Where(g => g.Count() > 1).ToList();
        var multiChannel = incidents.Count(g => g.Select(r => r.Report.Channel).Distinct().Count() >= 2);
        var paraphrased = incidents.Count(g => g.Select(r => r.Report.Text).Distinct().Count() == g.Count());

        Assert.True(incidents.Count >= 1_000, $"{incidents.Count} incidents with duplicates");
        Assert.True(multiChannel >= incidents.Count * 0.8, $"{multiChannel} of {incidents.Count} from 2+ channels");
        Assert.True(paraphrased >= incidents.Count * 0.95, $"{paraphrased} of {incidents.Count} with all texts different");
        Assert.Equal(6, Set.Select(r => r.Report.Channel).Distinct().Count());
    }

    [Fact]
    public void Generate_IncludesEveryKindOfHardNegative()
    {
        var kinds = Set.GroupBy(r => r.IncidentKind).ToDictionary(g => g.Key, g => g.Select(r => r.IncidentId).Distinct().Count());

        foreach (var kind in Enum.GetValues<IncidentKind>())
        {
            Assert.True(kinds.GetValueOrDefault(kind) >= 50, $"{kind}: {kinds.GetValueOrDefault(kind)} incidents");
        }
    }

    [Fact]
    public void Generate_WritesChineseTextsWithCategoryCodesInTheTreeStyle()
    {
        Assert.All(Set, r =>
        {
            Assert.Matches("^[BS][0-9]{4}$", r.Report.CategoryCode);
            Assert.Contains(r.Report.Text, c => c is >= '\u4e00' and <= '\u9fff');
        });
    }
}
