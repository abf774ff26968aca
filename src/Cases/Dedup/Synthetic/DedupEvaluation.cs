namespace Tongguan.Cases.Dedup.Synthetic;

/// <summary>Precision and recall of one kind of positive decision.</summary>
public sealed record DedupMetrics(int TruePositives, int FalsePositives, int FalseNegatives)
{
    /// <summary>Share of the positive decisions that named the right case; 1 when there were none.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Share of the true duplicates that got a positive decision naming the right case; 1 when there were none.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>
/// The outcome of running the detector over a labelled set. <see cref="FalsePositivesByKind"/> counts positive
/// decisions on reports of a new incident, by the incident's kind; <see cref="DuplicatesSentToWrongCase"/> counts
/// duplicates whose best case was another incident's (each is both a false positive and a false negative).
/// </summary>
public sealed record DedupEvaluationResult(
    int Reports,
    int TrueDuplicates,
    DedupMetrics MergeOrSuggest,
    DedupMetrics AutoMergeOnly,
    IReadOnlyDictionary<IncidentKind, int> FalsePositivesByKind,
    int DuplicatesSentToWrongCase);

/// <summary>
/// Replays a labelled set through an <see cref="OpenCaseIndex"/> in report order, as intake would. Each report is
/// checked against the open cases; a decision is a true positive only when its best case is the report's own incident.
/// Then the report is filed by the truth (joins its incident's case, or opens a new one), so that one mistake does
/// not cascade and each decision is judged on the case state a careful agent would have left.
/// </summary>
public static class DedupEvaluation
{
    public static DedupEvaluationResult Run(DuplicateDetector detector, IReadOnlyList<LabelledReport> reports)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(reports);

        var index = new OpenCaseIndex();
        int either = 0, eitherWrong = 0, eitherMissed = 0;
        int auto = 0, autoWrong = 0, autoMissed = 0;
        var duplicates = 0;
        var wrongCase = 0;
        var falsePositivesByKind = new Dictionary<IncidentKind, int>();
        foreach (var labelled in reports)
        {
            var report = labelled.Report;
            var caseId = "C-" + labelled.IncidentId;
            var existing = index.Find(caseId);
            var result = index.Detect(detector, report);
            var named = result.Best?.CaseId;
            var right = existing is not null && named == caseId;
            if (existing is not null)
            {
                duplicates++;
            }

            Count(result.Decision != DedupDecision.None, right, existing is not null, ref either, ref eitherWrong, ref eitherMissed);
            Count(result.Decision == DedupDecision.AutoMerge, right, existing is not null, ref auto, ref autoWrong, ref autoMissed);
            if (result.Decision != DedupDecision.None && !right)
            {
                if (existing is null)
                {
                    falsePositivesByKind[labelled.IncidentKind] = falsePositivesByKind.GetValueOrDefault(labelled.IncidentKind) + 1;
                }
                else
                {
                    wrongCase++;
                }
            }

            index.Upsert(existing is null
                ? new OpenCase(caseId, report.CategoryCode, report.CategoryName, report.Latitude, report.Longitude, report.ReportedAt, report.Text, report.Channel)
                {
                    ReporterPhoneHashes = report.ReporterPhoneHash is null ? [] : [report.ReporterPhoneHash],
                }
                : existing.WithMergedReport(report.Text, report.ReportedAt, report.Channel, report.ReporterPhoneHash));
        }

        return new DedupEvaluationResult(
            reports.Count,
            duplicates,
            new DedupMetrics(either, eitherWrong, eitherMissed),
            new DedupMetrics(auto, autoWrong, autoMissed),
            falsePositivesByKind,
            wrongCase);
    }

    private static void Count(bool positive, bool right, bool isDuplicate, ref int truePositives, ref int falsePositives, ref int falseNegatives)
    {
        if (positive && right)
        {
            truePositives++;
            return;
        }

        if (positive)
        {
            falsePositives++;
        }

        // A duplicate that got no decision, or a decision for the wrong case, is a duplicate missed.
        if (isDuplicate)
        {
            falseNegatives++;
        }
    }
}
