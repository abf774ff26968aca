using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tongguan.Cases.Access;

namespace Tongguan.Cases.Audit;

/// <summary>
/// Turns property values into the audit's JSON without copying personal data or secrets into it: contact data is
/// masked as callers without the right see it, secrets are replaced by a marker, phone and ID numbers inside free text
/// are masked, and long values are kept as their SHA-256 so that the trail stays small but still proves what changed.
/// </summary>
public static partial class AuditValues
{
    /// <summary>Values longer than this are recorded as <c>sha256:…</c> with their length (BPMN XML, state blobs).</summary>
    public const int LongValue = 1000;

    public const string Redacted = "[redacted]";

    // Chinese text stays readable in the trail: the JSON is stored and shown as data, never embedded in HTML or script.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Properties whose value identifies a citizen or a user; masked (names, phones) or redacted (the rest).
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase) { "ReporterName", "FullName", "CitizenName", "ContactName" };

    private static readonly HashSet<string> Phones = new(StringComparer.OrdinalIgnoreCase) { "ReporterPhone", "PhoneNumber", "ContactPhone", "Mobile" };

    private static readonly HashSet<string> Redact = new(StringComparer.OrdinalIgnoreCase)
    {
        "ReporterPhoneHash", "Email", "NormalizedEmail", "IdNumber", "IdentityNumber", "IdCard", "PasswordHash", "SecurityStamp",
        "ConcurrencyStamp", "Password", "Secret", "SecretHash", "KeyHash", "TokenHash", "Token", "AuthenticatorKey",
    };

    /// <summary>Whether the property carries personal data or a secret, i.e. is never copied in clear.</summary>
    public static bool IsProtected(string propertyName) => Names.Contains(propertyName) || Phones.Contains(propertyName) || Redact.Contains(propertyName);

    /// <summary>The value as the audit keeps it.</summary>
    public static object? Protect(string propertyName, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Redact.Contains(propertyName))
        {
            return Redacted;
        }

        if (Phones.Contains(propertyName))
        {
            return PersonalData.MaskPhone(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        if (Names.Contains(propertyName))
        {
            return PersonalData.MaskName(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return value switch
        {
            string text => Shorten(MaskNumbersInText(text)),
            byte[] bytes => Fingerprint(bytes),
            bool or byte or short or int or long or float or double or decimal or Guid => value,
            DateTimeOffset at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
            Enum e => e.ToString(),
            IFormattable formattable => Shorten(formattable.ToString(null, CultureInfo.InvariantCulture)),
            _ => Shorten(MaskNumbersInText(JsonSerializer.Serialize(value, value.GetType()))),
        };
    }

    /// <summary>The properties as a JSON object (names in the given order), or null when there are none.</summary>
    public static string? ToJson(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        var any = false;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = Readable.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in properties)
            {
                any = true;
                writer.WritePropertyName(name);
                var kept = Protect(name, value);
                JsonSerializer.Serialize(writer, kept, kept?.GetType() ?? typeof(object), Readable);
            }

            writer.WriteEndObject();
        }

        return any ? Encoding.UTF8.GetString(stream.ToArray()) : null;
    }

    /// <summary>Mainland mobile numbers and 18-digit resident ID numbers inside free text, masked.</summary>
    public static string MaskNumbersInText(string text) =>
        IdNumber().Replace(Mobile().Replace(text, m => PersonalData.MaskPhone(m.Value)!), m => m.Value[..4] + new string('*', 10) + m.Value[^4..]);

    private static string Shorten(string text) =>
        text.Length <= LongValue ? text : Fingerprint(Encoding.UTF8.GetBytes(text)) + string.Create(CultureInfo.InvariantCulture, $" ({text.Length} chars)");

    private static string Fingerprint(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumber();
}
