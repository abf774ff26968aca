using System.Globalization;
using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Open311;

/// <summary>What every Open311 endpoint checks first: the format suffix and the jurisdiction.</summary>
internal static class Open311Http
{
    /// <summary>The format of <c>.json</c>/<c>.xml</c>; null for anything else (answered in XML, the spec's required format).</summary>
    public static Open311Format? ParseFormat(string? suffix) => suffix?.ToLowerInvariant() switch
    {
        "json" => Open311Format.Json,
        "xml" => Open311Format.Xml,
        _ => null,
    };

    public static Open311Result UnknownFormat(string? suffix) =>
        Open311Result.Error(Open311Format.Xml, StatusCodes.Status400BadRequest, $"'.{suffix}' is not a format of this endpoint; use .xml or .json.");

    /// <summary>
    /// Null when <paramref name="jurisdictionId"/> is absent (the endpoint serves one jurisdiction) or is the configured
    /// one; otherwise the spec's 404.
    /// </summary>
    public static Open311Result? CheckJurisdiction(Open311Format format, string? jurisdictionId, IOptions<Open311Options> options)
    {
        var served = options.Value.JurisdictionId;
        return string.IsNullOrWhiteSpace(jurisdictionId) || string.Equals(jurisdictionId.Trim(), served, StringComparison.OrdinalIgnoreCase)
            ? null
            : Open311Result.Error(format, StatusCodes.Status404NotFound, $"jurisdiction_id '{jurisdictionId}' was not found; this endpoint serves '{served}'.");
    }

    /// <summary>The w3 date-time format the spec asks for, in the city's offset (e.g. <c>2026-03-02T09:30:00+08:00</c>).</summary>
    public static string W3(DateTimeOffset at, TimeZoneInfo cityTime) =>
        TimeZoneInfo.ConvertTime(at, cityTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A w3 date-time with its offset (or Z); anything without one is refused, as the spec requires it.</summary>
    public static bool TryParseW3(string text, out DateTimeOffset at)
    {
        at = default;
        var trimmed = text.Trim();
        var hasZone = trimmed.EndsWith('Z') || trimmed.EndsWith('z') || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        return hasZone && trimmed.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out at);
    }
}
