using System.Globalization;

namespace Tongguan.Cases.UI.Intake;

/// <summary>
/// The detector's reasons in the console's language. The API gives each reason a stable code, an English text and
/// the raw factors; English shows the detector's own words, Chinese is worded here from the code and the factors.
/// </summary>
public static class SuggestionReasons
{
    public static IReadOnlyList<string> Describe(SuggestionView suggestion, IntakeText text)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(text);
        return [.. suggestion.Reasons.Select(r => Describe(r, suggestion.Factors, text))];
    }

    public static string Describe(ReasonView reason, FactorsView factors, IntakeText text)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(text);
        if (ReferenceEquals(text, IntakeText.English))
        {
            return reason.Text;
        }

        return reason.Code switch
        {
            "distance" => Format(text.DistanceReason, Math.Round(factors.DistanceMetres).ToString("0", CultureInfo.InvariantCulture)),
            "time" => Format(text.TimeReason, Span(factors.TimeApart)),
            "category" => factors.Category == "SameLeaf" ? text.SameCategoryReason : text.RelatedCategoryReason,
            "text" => Format(text.TextReason, Math.Round(factors.TextSimilarity * 100).ToString("0", CultureInfo.InvariantCulture)),
            "address" => factors.Address == "Same" ? text.SameAddressReason : text.DifferentAddressReason,
            "reporter" => text.SameReporterReason,
            // A reason added to the detector later: its English words beat hiding it.
            _ => reason.Text,
        };
    }

    /// <summary>A time span the way an agent says it: minutes under an hour, hours under two days, then days.</summary>
    public static string Span(TimeSpan span) =>
        span < TimeSpan.FromHours(1) ? $"{Math.Max(0, (int)span.TotalMinutes)} 分钟"
        : span < TimeSpan.FromDays(2) ? $"{(int)span.TotalHours} 小时"
        : $"{(int)span.TotalDays} 天";

    /// <summary>The map colour of a suggestion: red when the check would merge on its own, orange when it suggests, grey otherwise.</summary>
    public static string Colour(string decision) => decision switch
    {
        "AutoMerge" => "#c62828",
        "Suggest" => "#ef6c00",
        _ => "#757575",
    };

    private static string Format(string template, string value) => string.Format(CultureInfo.InvariantCulture, template, value);
}
