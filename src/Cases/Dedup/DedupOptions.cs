using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.Dedup;

/// <summary>
/// Settings of the duplicate detector (configuration section "Tongguan:Dedup"). The defaults are the values measured in
/// docs/dedup.md; change them only with a new measurement.
/// </summary>
public sealed class DedupOptions : IValidatableObject
{
    public const string SectionName = "Tongguan:Dedup";

    /// <summary>Reports farther apart than this are never duplicates; the distance factor decays to 0 at this radius.</summary>
    [Range(10.0, 5_000.0)]
    public double RadiusMetres { get; set; } = 200;

    /// <summary>Reports further apart in time than this are never duplicates; the time factor decays to 0 at its end.</summary>
    public TimeSpan TimeWindow { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Weight of the distance factor in the weighted mean.</summary>
    [Range(0.0, 10.0)]
    public double DistanceWeight { get; set; } = 0.30;

    /// <summary>Weight of the time factor in the weighted mean.</summary>
    [Range(0.0, 10.0)]
    public double TimeWeight { get; set; } = 0.30;

    /// <summary>Weight of the category factor (1 for the same leaf, <see cref="RelatedCategoryFactor"/> for the same major).</summary>
    [Range(0.0, 10.0)]
    public double CategoryWeight { get; set; } = 0.10;

    /// <summary>Weight of the text similarity factor.</summary>
    [Range(0.0, 10.0)]
    public double TextWeight { get; set; } = 0.10;

    /// <summary>Weight of the address factor (1 same house number, 0.5 unknown, 0 different house numbers).</summary>
    [Range(0.0, 10.0)]
    public double AddressWeight { get; set; } = 0.40;

    /// <summary>Category factor when the categories share only the major group ("S05").</summary>
    [Range(0.0, 1.0)]
    public double RelatedCategoryFactor { get; set; } = 0.5;

    /// <summary>Added to the score (capped at 1) when both reports come from the same reporter phone hash.</summary>
    [Range(0.0, 1.0)]
    public double SameReporterBonus { get; set; } = 0.15;

    /// <summary>At or above this score the report joins the case without asking the agent.</summary>
    [Range(0.0, 1.0)]
    public double AutoMergeThreshold { get; set; } = 0.90;

    /// <summary>At or above this score (and below <see cref="AutoMergeThreshold"/>) the case is suggested to the agent.</summary>
    [Range(0.0, 1.0)]
    public double SuggestThreshold { get; set; } = 0.66;

    /// <summary>
    /// An automatic merge also needs the best case to lead the runner-up by this much; otherwise the agent chooses
    /// (two open cases that both fit are a question for a human).
    /// </summary>
    [Range(0.0, 1.0)]
    public double AutoMergeMargin { get; set; } = 0.05;

    /// <summary>At most this many suggestions are returned, best first.</summary>
    [Range(1, 100)]
    public int MaxSuggestions { get; set; } = 5;

    /// <summary>Sum of the five factor weights; positive on valid options.</summary>
    public double TotalWeight => DistanceWeight + TimeWeight + CategoryWeight + TextWeight + AddressWeight;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeWindow <= TimeSpan.Zero || TimeWindow > TimeSpan.FromDays(60))
        {
            yield return new ValidationResult("TimeWindow must be positive and at most 60 days.", [nameof(TimeWindow)]);
        }

        if (TotalWeight <= 0)
        {
            yield return new ValidationResult(
                "At least one of DistanceWeight, TimeWeight, CategoryWeight, TextWeight and AddressWeight must be positive.",
                [nameof(DistanceWeight), nameof(TimeWeight), nameof(CategoryWeight), nameof(TextWeight), nameof(AddressWeight)]);
        }

        if (SuggestThreshold > AutoMergeThreshold)
        {
            yield return new ValidationResult(
                "SuggestThreshold must not exceed AutoMergeThreshold.", [nameof(SuggestThreshold), nameof(AutoMergeThreshold)]);
        }

        if (SuggestThreshold <= 0)
        {
            yield return new ValidationResult(
                "SuggestThreshold must be positive: a score of 0 means 'not a duplicate'.", [nameof(SuggestThreshold)]);
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> with every problem when the options are invalid.</summary>
    public void EnsureValid()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ValidationException(string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }
}
