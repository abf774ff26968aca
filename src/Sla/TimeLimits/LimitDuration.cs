using System.Globalization;
using System.Text.RegularExpressions;

namespace Tongguan.Sla.TimeLimits;

/// <summary>
/// An ISO-8601 duration as time limits use it: whole days (weeks allowed, as 7 days) and a time part.
/// Years and months are refused: their length depends on the date, and limits are written in days.
/// </summary>
public readonly partial record struct LimitDuration(int Days, int Weeks, TimeSpan Time)
{
    [GeneratedRegex(
        @"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex IsoDuration();

    /// <exception cref="FormatException">Not an ISO-8601 duration, or one with years or months.</exception>
    public static LimitDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = IsoDuration().Match(text.Trim().ToUpperInvariant());
        if (!match.Success || text.Trim().Length <= 1 || text.Trim().EndsWith('T'))
        {
            throw new FormatException($"'{text}' is not an ISO-8601 duration such as P5D or PT4H.");
        }

        if (match.Groups["y"].Success || match.Groups["mo"].Success)
        {
            throw new FormatException($"'{text}': years and months are not supported in time limits; write days, e.g. P30D.");
        }

        try
        {
            var time = TimeSpan.FromHours(Number(match, "h"))
                + TimeSpan.FromMinutes(Number(match, "mi"))
                + TimeSpan.FromSeconds(match.Groups["s"].Success
                    ? double.Parse(match.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture)
                    : 0);
            return new LimitDuration(checked((int)Number(match, "d")), checked((int)Number(match, "w")), time);
        }
        catch (OverflowException ex)
        {
            throw new FormatException($"'{text}' is too long for a time limit.", ex);
        }
    }

    private static long Number(Match match, string group) =>
        match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
}
