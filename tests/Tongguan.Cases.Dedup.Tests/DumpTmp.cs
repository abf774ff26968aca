using System.Globalization;
using System.Text;
using Tongguan.Cases.Dedup.Synthetic;

namespace Tongguan.Cases.Dedup.Tests;

public sealed class DumpTmp
{
    [Theory]
    [InlineData(1)]
    [InlineData(LabelledReportSet.DefaultSeed)]
    public void Dump(int seed)
    {
        var reports = LabelledReportSet.Generate(seed);
        var detector = new DuplicateDetector(new DedupOptions { SuggestThreshold = 0.0001, AutoMergeThreshold = 0.0001, MaxSuggestions = 100 });
        var index = new OpenCaseIndex();
        var sb = new StringBuilder("report,truth,case,same,dist,hours,cat,cos,ovl,rep,ch1,ch2,kind\n");
        foreach (var l in reports)
        {
            var r = l.Report;
            var caseId = "C-" + l.IncidentId;
            var existing = index.Find(caseId);
            foreach (var c in index.CandidatesNear(r.Latitude, r.Longitude, r.ReportedAt, 200, TimeSpan.FromHours(72)))
            {
                var s = detector.Score(r, c);
                if (s is null) { continue; }
                var ovl = c.Fingerprints.Max(f => r.Fingerprint.Overlap(f));
                sb.Append(CultureInfo.InvariantCulture, $"{l.ReportId},{(existing is null ? 0 : 1)},{c.CaseId},{(c.CaseId == caseId ? 1 : 0)},{s.Factors.DistanceMetres:0.0},{s.Factors.TimeApart.TotalHours:0.00},{(int)s.Factors.Category},{s.Factors.TextSimilarity:0.000},{ovl:0.000},{(s.Factors.SameReporter ? 1 : 0)},{r.Channel},{c.Channel},{l.IncidentKind}\n");
            }
            if (existing is not null && !index.CandidatesNear(r.Latitude, r.Longitude, r.ReportedAt, 200, TimeSpan.FromHours(72)).Any(c => c.CaseId == caseId))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{l.ReportId},1,{caseId},1,-1,-1,-1,-1,-1,0,{r.Channel},{existing.Channel},{l.IncidentKind}\n");
            }
            index.Upsert(existing is null
                ? new OpenCase(caseId, r.CategoryCode, r.CategoryName, r.Latitude, r.Longitude, r.ReportedAt, r.Text, r.Channel) { ReporterPhoneHashes = r.ReporterPhoneHash is null ? [] : [r.ReporterPhoneHash] }
                : existing.WithMergedReport(r.Text, r.ReportedAt, r.Channel, r.ReporterPhoneHash));
        }
        File.WriteAllText($"/tmp/dedup-dump-{seed}.csv", sb.ToString());
        var sample = new StringBuilder();
        foreach (var l in reports) { sample.Append(l.ReportId).Append('\t').Append(l.IncidentId).Append('\t').Append(l.Report.Channel).Append('\t').Append(l.Report.CategoryName).Append('\t').Append(l.Report.Text).Append('\t').Append(ReportText.Normalise(l.Report.Text)).Append('\n'); }
        File.WriteAllText($"/tmp/dedup-sample-{seed}.txt", sample.ToString());
        Assert.True(sb.Length > 0);
    }
}
