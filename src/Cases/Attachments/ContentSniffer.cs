using System.Text;

namespace Tongguan.Cases.Attachments;

/// <summary>
/// Tells a file's type from its first bytes (magic numbers). The client's declared content type and the file name's
/// extension are never consulted: both are whatever the uploader chose. Stateless and thread-safe.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at; fewer is fine for short files.</summary>
    public const int HeaderLength = 512;

    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Gif = "image/gif";
    public const string Pdf = "application/pdf";

    /// <summary>HEIC: HEIF with HEVC-coded images, what iPhones and many Android phones take photos in.</summary>
    public const string Heic = "image/heic";

    /// <summary>Other HEIF images (the generic <c>mif1</c>/<c>msf1</c> brands).</summary>
    public const string Heif = "image/heif";

    // ISO base media file brands (the ftyp box's major brand) of HEVC-coded HEIF, and of generic HEIF.
    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx"];

    private static readonly string[] HeifBrands = ["mif1", "msf1"];

    private static readonly SupportedType[] Types =
    [
        new(Jpeg, "JPEG", "images", [".jpg", ".jpeg"]),
        new(Png, "PNG", "images", [".png"]),
        new(WebP, "WebP", "images", [".webp"]),
        new(Gif, "GIF", "images", [".gif"]),
        new(Heic, "HEIC", "images", [".heic"]),
        new(Heif, "HEIF", "images", [".heif"]),
        new(Pdf, "PDF", "documents", [".pdf"]),
    ];

    /// <summary>The types that can be recognised and so accepted, in the order the options list them by default.</summary>
    public static IReadOnlyList<string> SupportedTypes { get; } = [.. Types.Select(t => t.ContentType)];

    /// <summary>
    /// Recognises one of <see cref="SupportedTypes"/>, or, for a refusal message, a well-known dangerous type (HTML,
    /// SVG, XML, executables, scripts, archives). Text that merely starts like markup is never taken for an image.
    /// </summary>
    /// <param name="header">The file's first bytes, ideally <see cref="HeaderLength"/> of them.</param>
    public static SniffResult Sniff(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return SniffResult.Supported(Jpeg, "a JPEG image");
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffResult.Supported(Png, "a PNG image");
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return SniffResult.Supported(Gif, "a GIF image");
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return SniffResult.Supported(WebP, "a WebP image");
        }

        // HEIF: a first box "ftyp" (size, then the type at offset 4) whose major brand names the kind of image.
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(header[8..12]);
            if (HeicBrands.Contains(brand, StringComparer.Ordinal))
            {
                return SniffResult.Supported(Heic, "a HEIC photo");
            }

            if (HeifBrands.Contains(brand, StringComparer.Ordinal))
            {
                return SniffResult.Supported(Heif, "a HEIF image");
            }
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return SniffResult.Supported(Pdf, "a PDF document");
        }

        return SniffResult.Refused(DescribeRefused(header));
    }

    /// <summary>The usual extension for a supported type, with its dot (<c>.jpg</c> for JPEG).</summary>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is not one of <see cref="SupportedTypes"/>.</exception>
    public static string ExtensionFor(string contentType) => Find(contentType).Extensions[0];

    /// <summary>Whether <paramref name="extension"/> (with its dot, any case) is a usual one for the supported type.</summary>
    public static bool IsUsualExtension(string contentType, string extension) =>
        Find(contentType).Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase);

    /// <summary>"JPEG, PNG images and PDF documents": the accepted types as a user reads them.</summary>
    public static string DescribeAccepted(IEnumerable<string> contentTypes)
    {
        var accepted = new HashSet<string>(contentTypes, StringComparer.OrdinalIgnoreCase);
        var groups = Types
            .Where(t => accepted.Contains(t.ContentType))
            .GroupBy(t => t.Kind)
            .Select(g => $"{string.Join(", ", g.Select(t => t.Name))} {g.Key}")
            .ToList();
        return groups.Count switch
        {
            0 => "no files",
            1 => groups[0],
            _ => $"{string.Join(", ", groups.Take(groups.Count - 1))} and {groups[^1]}",
        };
    }

    private static SupportedType Find(string contentType) =>
        Types.FirstOrDefault(t => t.ContentType.Equals(contentType, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{contentType}' is not a supported attachment type.", nameof(contentType));

    private static string? DescribeRefused(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("MZ"u8))
        {
            return "a Windows program";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return "a Linux program";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
            || header.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE])
            || header.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]))
        {
            return "a macOS program";
        }

        if (header.StartsWith("PK"u8) && header.Length >= 4 && header[2] < 0x10 && header[3] < 0x10)
        {
            return "a ZIP archive or Office document";
        }

        var text = SkipBomAndWhitespace(header);
        if (text.StartsWith("#!"u8))
        {
            return "a script";
        }

        if (!text.StartsWith("<"u8))
        {
            return null;
        }

        // Latin-1 keeps one char per byte, so ASCII markers are found whatever the real encoding of the rest.
        var markup = Encoding.Latin1.GetString(text);
        if (markup.Contains("<svg", StringComparison.OrdinalIgnoreCase))
        {
            return "an SVG image";
        }

        return markup.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) ? "an XML document" : "HTML";
    }

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> header)
    {
        var text = header.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? header[3..] : header;
        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0C)
        {
            start++;
        }

        return text[start..];
    }

    private sealed record SupportedType(string ContentType, string Name, string Kind, string[] Extensions);
}

/// <summary>What <see cref="ContentSniffer.Sniff"/> found.</summary>
/// <param name="ContentType">One of <see cref="ContentSniffer.SupportedTypes"/>, or null when the bytes are not one of them.</param>
/// <param name="LooksLike">What the file appears to be, for a user ("a JPEG image", "HTML"); null when nothing is recognised.</param>
public readonly record struct SniffResult(string? ContentType, string? LooksLike)
{
    public bool IsSupported => ContentType is not null;

    internal static SniffResult Supported(string contentType, string looksLike) => new(contentType, looksLike);

    internal static SniffResult Refused(string? looksLike) => new(null, looksLike);
}
