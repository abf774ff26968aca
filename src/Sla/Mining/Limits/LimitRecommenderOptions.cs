using System.ComponentModel.DataAnnotations;

namespace Tongguan.Sla.Mining.Limits;

/// <summary>How <see cref="LimitRecommender"/> turns history into a proposed limit (section <c>Tongguan:Sla:Recommendations</c>).</summary>
public sealed class LimitRecommenderOptions
{
    public const string SectionName = "Tongguan:Sla:Recommendations";

    /// <summary>The quantile of actual durations the recommendation starts from.</summary>
    [Range(0.5, 0.99)]
    public double Quantile { get; set; } = 0.9;

    /// <summary>Head room added on top of the quantile: recommended = quantile × (1 + margin), before rounding.</summary>
    [Range(0.0, 2.0)]
    public double Margin { get; set; } = 0.2;

    /// <summary>Fewer completed steps than this get a "small sample" note.</summary>
    [Range(2, 100_000)]
    public int SmallSample { get; set; } = 30;

    /// <summary>A department gets its own recommendation (besides the one for all departments) from this many completed steps.</summary>
    [Range(2, 1_000_000)]
    public int DepartmentMinSample { get; set; } = 100;

    /// <summary>The median of the later half of the history moving by more than this share of the earlier half's is "drift".</summary>
    [Range(0.01, 10.0)]
    public double DriftThreshold { get; set; } = 0.25;

    /// <summary>A p95 more than this many times the median is a "heavy tail": a few cases take far longer than the rest.</summary>
    [Range(1.0, 100.0)]
    public double HeavyTailRatio { get; set; } = 3.0;

    /// <summary>
    /// The current limit is "too tight" when more than this share of the history took longer than it; only then may
    /// a recommendation be looser than today's limit.
    /// </summary>
    [Range(0.0, 1.0)]
    public double TooTightBreachRate { get; set; } = 0.1;

    /// <exception cref="ValidationException">An option is out of its range.</exception>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
