using System.Globalization;
using System.Text;

namespace Tongguan.Cases.Attachments;

/// <summary>
/// The name an attachment is shown and downloaded under. It is display text only: files are stored under generated
/// keys, never under a name the uploader chose.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxLength = 120;

    public const string Fallback = "attachment";

    private const string Forbidden = "<>:\"/\\|?*";

    /// <summary>
    /// Strips any path (both <c>/</c> and <c>\</c>), control and invisible formatting characters (e.g. the
    /// right-to-left override that makes <c>exe.jpg</c> read backwards) and <c>&lt;&gt;:"/\|?*</c>; trims spaces and dots;
    /// makes the extension match the sniffed type (<c>report.html</c> holding a JPEG becomes <c>report.html.jpg</c>);
    /// cuts the result to <see cref="MaxLength"/> characters. Nothing usable left gives <c>attachment.jpg</c>.
    /// </summary>
    /// <param name="originalFileName">The name the client sent, or null.</param>
    /// <param name="contentType">The sniffed type, one of <see cref="ContentSniffer.SupportedTypes"/>.</param>
    public static string Sanitise(string? originalFileName, string contentType)
    {
        var extension = ContentSniffer.ExtensionFor(contentType);
        var name = Clean(originalFileName ?? string.Empty);
        if (name.Length == 0)
        {
            return Fallback + extension;
        }

        if (!ContentSniffer.IsUsualExtension(contentType, Path.GetExtension(name)))
        {
            name += extension;
        }

        if (name.Length <= MaxLength)
        {
            return name;
        }

        var kept = Path.GetExtension(name);
        var stemLength = MaxLength - kept.Length;
        var cut = char.IsHighSurrogate(name[stemLength - 1]) ? stemLength - 1 : stemLength;
        var stem = name[..cut].TrimEnd(' ', '.');
        return (stem.Length == 0 ? Fallback : stem) + kept;
    }

    private static string Clean(string name)
    {
        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var leaf = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;

        var builder = new StringBuilder(leaf.Length);
        foreach (var rune in leaf.EnumerateRunes())
        {
            if (IsKept(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString().Trim().Trim('.').Trim();
    }

    private static bool IsKept(Rune rune)
    {
        if (rune == Rune.ReplacementChar || (rune.IsAscii && Forbidden.Contains((char)rune.Value, StringComparison.Ordinal)))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control
            or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate);
    }
}
