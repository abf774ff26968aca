using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Parsing;

/// <summary>One entry of <c>tg:categoryLimits</c>: a category code and its ISO-8601 duration.</summary>
public sealed record CategoryLimit(string CategoryCode, string Duration);

/// <summary>
/// The syntax of <c>tg:categoryLimits="S0102=P2D; S0501=P1DT3H30M"</c> on a user task. The engine only validates and
/// carries the attribute (in <see cref="Node.Extensions"/>); what a category is, and which limit wins, is the
/// application's business. Pure functions, thread-safe.
/// </summary>
public static class CategoryLimitsSyntax
{
    /// <summary>The attribute's local name in the <c>tg:</c> namespace.</summary>
    public const string Name = "categoryLimits";

    /// <summary>
    /// Reads the entries in their written order. Whitespace around entries, codes and durations is ignored, and so is
    /// an empty entry (a trailing <c>;</c>). Fails, with a message a designer can act on, on an entry without <c>=</c>,
    /// an empty or malformed code, a repeated code or a bad duration (see <see cref="DurationProblem"/>).
    /// </summary>
    public static bool TryParse(string? text, bool businessTime, out IReadOnlyList<CategoryLimit> limits, out string? problem)
    {
        var result = new List<CategoryLimit>();
        limits = result;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "list at least one category limit, e.g. \"S0102=P2D; S0501=P1DT3H30M\".";
            return false;
        }

        foreach (var raw in text.Split(';'))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                problem = $"\"{entry}\" is not CODE=DURATION; write entries such as S0102=P2D, separated by ';'.";
                return false;
            }

            var code = entry[..equals].Trim();
            var duration = entry[(equals + 1)..].Trim();
            if (!IsCategoryCode(code))
            {
                problem = $"\"{code}\" is not a category code (letters, digits, '-', '_' or '.'), in \"{entry}\".";
                return false;
            }

            if (result.Any(l => string.Equals(l.CategoryCode, code, StringComparison.Ordinal)))
            {
                problem = $"category {code} is listed twice; keep one limit per category.";
                return false;
            }

            if (DurationProblem(duration, businessTime) is { } bad)
            {
                problem = $"the limit of category {code} (\"{duration}\"): {bad}";
                return false;
            }

            result.Add(new CategoryLimit(code, duration));
        }

        if (result.Count == 0)
        {
            problem = "list at least one category limit, e.g. \"S0102=P2D\".";
            return false;
        }

        return true;
    }

    /// <summary>The attribute value for <paramref name="limits"/>, in the canonical <c>CODE=DURATION; …</c> form.</summary>
    public static string Format(IEnumerable<CategoryLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return string.Join("; ", limits.Select(l => $"{l.CategoryCode}={l.Duration}"));
    }

    /// <summary>
    /// Null when <paramref name="duration"/> is a time limit the deadline module can compute (the rules of
    /// <c>tg:timeLimit</c>): a positive ISO-8601 duration, no years or months, and no weeks in business time.
    /// Otherwise why not.
    /// </summary>
    public static string? DurationProblem(string? duration, bool businessTime)
    {
        if (!Iso8601.TryParseDuration(duration, out _))
        {
            return "a time limit is an ISO-8601 duration such as P5D (5 days), PT4H (4 hours) or P1DT12H.";
        }

        // Years and months have no fixed length, so the deadline module refuses them.
        var datePart = duration!.Trim().Split('T')[0];
        if (datePart.Contains('Y', StringComparison.OrdinalIgnoreCase) || datePart.Contains('M', StringComparison.OrdinalIgnoreCase))
        {
            return "years and months have no fixed length; write the limit in days, e.g. P30D.";
        }

        return businessTime && datePart.Contains('W', StringComparison.OrdinalIgnoreCase)
            ? "a week of working days depends on holidays and adjusted working days, so write working days instead, e.g. P5D."
            : null;
    }

    private static bool IsCategoryCode(string code) =>
        code.Length is > 0 and <= 20 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
