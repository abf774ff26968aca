using System.Text.RegularExpressions;

namespace Tongguan.Cases.Forms;

/// <summary>
/// The rule for free text people type (task forms, intake descriptions): plain text only. Text is shown back to
/// officers, citizens and leadership in several UIs and exports; refusing markup at the door means no UI has to be
/// the one that forgot to encode it. Ordinary text — Chinese, emoji, "a &lt; b", "x &gt; 3" — passes. The patterns
/// run without backtracking (linear time), so long input is safe.
/// </summary>
public static partial class PlainText
{
    /// <summary>The start of every message <see cref="Problem"/> returns.</summary>
    public const string Rule = "must be plain text (no HTML or script)";

    // A tag opens with '<' right before a letter ('<b>', '</div>', '<img src=…>') or is a comment/declaration
    // ('<!--', '<!doctype', '<?xml'); "a < b" has a space after '<' and is not one.
    [GeneratedRegex(@"</?[A-Za-z][^<>]*>|<[!?]", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Tag();

    // An unfinished '<script' is still refused: some sanitisers and browsers complete it.
    [GeneratedRegex(@"<\s*/?\s*script", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Script();

    // Browsers drop whitespace and control characters inside a URL scheme ("java\tscript:").
    [GeneratedRegex(@"(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:|data\s*:\s*text/html", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ScriptUrl();

    // Event handler attributes (onerror=, onload =, ONCLICK=). DOM handler names have at least three letters after
    // "on" (oncut), which keeps "one=1" and "on = off" out. An explicit boundary, not \b: \b sees none between a
    // Chinese character and a Latin letter.
    [GeneratedRegex(@"(?:^|[^A-Za-z0-9_])(?<handler>on[a-z]{3,}\s*=)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex EventHandler();

    /// <summary>
    /// Null when <paramref name="value"/> is plain text; otherwise a message starting with <see cref="Rule"/> that
    /// says what was found, e.g. <c>must be plain text (no HTML or script); remove "&lt;script".</c>
    /// Line breaks (\n, \r) and tabs are plain text; other control characters, Unicode direction overrides (which
    /// can make text read differently from what it holds) and broken UTF-16 are not.
    /// </summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (FirstUnwantedCharacter(value) is { } reason)
        {
            return $"{Rule}; {reason}.";
        }

        var found = Script().Match(value) is { Success: true } script ? script.Value
            : Tag().Match(value) is { Success: true } tag ? tag.Value
            : ScriptUrl().Match(value) is { Success: true } url ? url.Value
            : EventHandler().Match(value) is { Success: true } handler ? handler.Groups["handler"].Value
            : null;
        return found is null ? null : $"{Rule}; remove \"{Excerpt(found)}\".";
    }

    private static string? FirstUnwantedCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "it contains a broken character (an unpaired UTF-16 surrogate)";
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return $"it contains the control character U+{(int)c:X4}";
            }

            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return $"it contains the text direction control U+{(int)c:X4}";
            }
        }

        return null;
    }

    private static string Excerpt(string found)
    {
        const int Longest = 40;
        var oneLine = string.Join(' ', found.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length <= Longest)
        {
            return oneLine;
        }

        var cut = char.IsHighSurrogate(oneLine[Longest - 1]) ? Longest - 1 : Longest;
        return oneLine[..cut] + "…";
    }
}
