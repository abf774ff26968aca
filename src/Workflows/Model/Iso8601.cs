using System.Globalization;
using System.Xml;

namespace Tongguan.Workflows.Model;

/// <summary>
/// The ISO-8601 forms BPMN timers and Tongguan time limits use: durations (<c>P5D</c>, <c>PT4H30M</c>, <c>P2W</c>),
/// date-times (<c>2026-05-01T09:00:00+08:00</c>; no offset means UTC) and repeating intervals
/// (<c>R3/PT1H</c>, <c>R/PT10M</c> for unbounded). Pure functions, thread-safe.
/// </summary>
public static class Iso8601
{
    /// <summary>Parses a positive duration. Years and months count as 365 and 30 days, as <see cref="XmlConvert"/> does.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        if (value.StartsWith('-'))
        {
            return false;
        }

        // XmlConvert does not know weeks; BPMN designers use them ("P2W").
        if (value.Length > 2 && value[0] == 'P' && value[^1] == 'W' &&
            int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var weeks))
        {
            duration = TimeSpan.FromDays(7.0 * weeks);
            return weeks > 0;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(value);
            return duration > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses a date-time; text without an offset is taken as UTC.</summary>
    public static bool TryParseDate(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text) || !text.Contains('T', StringComparison.Ordinal))
        {
            return false;
        }

        return DateTimeOffset.TryParse(
            text.Trim(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out instant);
    }

    /// <summary>Parses <c>R[n]/duration</c>; <paramref name="repeats"/> is null for unbounded repetition.</summary>
    public static bool TryParseCycle(string? text, out int? repeats, out TimeSpan interval)
    {
        repeats = null;
        interval = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[0][0] != 'R')
        {
            return false;
        }

        if (parts[0].Length > 1)
        {
            if (!int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                return false;
            }

            repeats = count;
        }

        return TryParseDuration(parts[1], out interval);
    }
}
