namespace Tongguan.Sla.Mining;

/// <summary>
/// Exact quantiles of a sample, interpolated linearly between the two nearest ranks (Hyndman–Fan type 7, the method
/// of Excel's PERCENTILE.INC and R's default): for n sorted values the q-quantile sits at rank <c>(n − 1)·q</c>.
/// </summary>
public static class Quantiles
{
    /// <summary>The <paramref name="q"/>-quantile of <paramref name="sorted"/> (ascending); zero for an empty sample.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is not in [0, 1].</exception>
    public static TimeSpan Of(IReadOnlyList<TimeSpan> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile lies between 0 and 1.");
        }

        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (sorted.Count - 1) * q;
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        var fraction = rank - lower;
        var ticks = sorted[lower].Ticks + (fraction * (sorted[upper].Ticks - sorted[lower].Ticks));
        return TimeSpan.FromTicks((long)Math.Round(ticks, MidpointRounding.AwayFromZero));
    }
}
