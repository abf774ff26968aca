using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Tongguan.Cases.Intake;

/// <summary>
/// Case numbers and citizens' tracking codes. Random, not sequential: no shared counter to contend for across app
/// nodes, and a number does not reveal how many cases the city had that day. Crockford base-32 (no I, L, O, U) so
/// that numbers read out on the phone are not misheard.
/// </summary>
public static class CaseNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly SearchValues<char> AlphabetChars = SearchValues.Create(Alphabet);
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary><c>TG-yyyyMMdd-XXXXXXXXXX</c> on the city's local date: 50 random bits, so collisions need ~10^15 cases a day.</summary>
    public static string NewCaseNumber(DateTimeOffset at, TimeZoneInfo cityTime)
    {
        ArgumentNullException.ThrowIfNull(cityTime);
        var local = TimeZoneInfo.ConvertTime(at, cityTime);
        return $"TG-{local:yyyyMMdd}-{Random(10)}";
    }

    /// <summary>A 10-character private code the citizen quotes with the case number to follow it.</summary>
    public static string NewTrackingCode() => Random(10);

    public static bool LooksLikeCaseNumber(string? text) =>
        text is { Length: 22 } && text.StartsWith("TG-", StringComparison.Ordinal) && text[11] == '-' &&
        !text.AsSpan(3, 8).ContainsAnyExcept(Digits) && !text.AsSpan(12).ContainsAnyExcept(AlphabetChars);

    private static string Random(int length)
    {
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(length);
        foreach (var b in bytes)
        {
            text.Append(Alphabet[b & 31]);
        }

        return text.ToString();
    }
}
