using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tongguan.Cases.Audit;

/// <summary>
/// The hash chain: <c>hash(n) = SHA-256(hex(hash(n-1)) ‖ canonical(entry n))</c>, with 64 zeros before the first
/// entry. The canonical content is a JSON array of every column but the hash, in a fixed order, so a change to any
/// column, or a moved position, changes the hash. Pure functions; thread-safe.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The entry's content as it is hashed: <c>[position, sequence, at, actor, action, subjectType, subjectId, before, after, correlationId]</c>.</summary>
    public static byte[] Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            WriteNumberOrNull(writer, entry.ChainPosition);
            writer.WriteNumberValue(entry.Sequence);

            // UTC ticks: the same instant reads back the same from every provider, whatever offset it is given in.
            writer.WriteStringValue(entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
            writer.WriteStringValue(entry.Actor);
            writer.WriteStringValue(entry.Action);
            writer.WriteStringValue(entry.SubjectType);
            writer.WriteStringValue(entry.SubjectId);
            WriteStringOrNull(writer, entry.Before);
            WriteStringOrNull(writer, entry.After);
            WriteStringOrNull(writer, entry.CorrelationId);
            writer.WriteEndArray();
        }

        return stream.ToArray();
    }

    /// <summary>The entry's hash given the previous entry's (or <see cref="Genesis"/>), 64 lower-case hex digits.</summary>
    public static string HashOf(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var previous = Encoding.ASCII.GetBytes(previousHash);
        var content = Canonical(entry);
        var buffer = new byte[previous.Length + content.Length];
        previous.CopyTo(buffer, 0);
        content.CopyTo(buffer, previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
