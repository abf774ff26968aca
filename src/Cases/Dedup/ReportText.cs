using System.Globalization;
using System.Text;

namespace Tongguan.Cases.Dedup;

/// <summary>
/// Text normalisation for Chinese report texts: NFKC (full-width letters and digits become half-width), lower case,
/// punctuation, symbols and whitespace dropped, and the hotline's boilerplate phrases removed so that two unrelated
/// calls do not look alike merely because an agent typed "市民来电反映" in both.
/// </summary>
public static class ReportText
{
    // Formulaic phrases of intake agents and apps; they carry no information about the problem itself.
    // Longest first, so that a phrase containing a shorter one is removed whole.
    private static readonly string[] Boilerplate =
    [
        "请相关部门尽快处理", "希望相关部门尽快处理", "请有关部门尽快处理", "希望有关部门处理", "请相关部门处理",
        "希望尽快解决", "请尽快处理", "请尽快解决", "请予以处理", "望尽快处理", "麻烦处理一下", "谢谢",
        "市民来电反映", "来电人反映", "市民来电称", "来电反映", "市民反映", "群众反映", "网友反映", "市民称",
        "您好", "你好",
    ];

    /// <summary>The normalised form: letters (CJK included) and digits only, lower case, boilerplate removed.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = WellFormed(text).Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var character in folded)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(character))
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.Surrogate:
                    builder.Append(char.ToLowerInvariant(character));
                    break;
                default:
                    break;
            }
        }

        foreach (var phrase in Boilerplate)
        {
            builder.Replace(phrase, string.Empty);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text without what <see cref="string.Normalize(NormalizationForm)"/> refuses with an exception: lone surrogates
    /// and the noncharacters U+FFFE / U+FFFF, which a broken client (or the fuzzing) sends in a report's text. Neither is
    /// a letter or digit, so the normalised form loses nothing by it.
    /// </summary>
    private static string WellFormed(string text)
    {
        var clean = true;
        foreach (var rune in text.EnumerateRunes())
        {
            clean &= rune != Rune.ReplacementChar && (rune.Value & 0xFFFE) != 0xFFFE;
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune != Rune.ReplacementChar && (rune.Value & 0xFFFE) != 0xFFFE)
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The house numbers of the addresses in a normalised text: the digits right before "号" ("解放路147号" → 147).
    /// Chinese addresses end in a number, and two reports naming different numbers are rarely the same problem.
    /// </summary>
    public static int[] HouseNumbers(string normalised)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        List<int>? numbers = null;
        var index = normalised.IndexOf('号', StringComparison.Ordinal);
        while (index > 0)
        {
            var start = index;
            while (start > 0 && index - start < 5 && char.IsAsciiDigit(normalised[start - 1]))
            {
                start--;
            }

            // "2号线" is a metro line, not an address.
            var metroLine = index + 1 < normalised.Length && normalised[index + 1] == '线';
            if (!metroLine && start < index && index - start <= 4
                && int.TryParse(normalised.AsSpan(start, index - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                (numbers ??= []).Add(number);
            }

            index = normalised.IndexOf('号', index + 1);
        }

        return numbers is null ? [] : [.. numbers];
    }
}

/// <summary>
/// The character-bigram profile of one normalised text (Chinese has no spaces, so words are approximated by
/// overlapping character pairs). Immutable and thread-safe.
/// </summary>
public sealed class TextFingerprint
{
    private readonly int[] _grams;
    private readonly int[] _counts;
    private readonly double _norm;

    private TextFingerprint(int[] grams, int[] counts, int[] houseNumbers)
    {
        _grams = grams;
        HouseNumbers = houseNumbers;
        _counts = counts;
        long sumOfSquares = 0;
        foreach (var count in counts)
        {
            sumOfSquares += (long)count * count;
        }

        _norm = Math.Sqrt(sumOfSquares);
    }

    /// <summary>A fingerprint with no grams; similar to nothing.</summary>
    public static TextFingerprint Empty { get; } = new([], [], []);

    /// <summary>The house numbers the text names (<see cref="ReportText.HouseNumbers"/>).</summary>
    public IReadOnlyList<int> HouseNumbers { get; }

    /// <summary>Number of distinct grams.</summary>
    public int DistinctGrams => _grams.Length;

    /// <summary>Normalises <paramref name="text"/> (<see cref="ReportText.Normalise"/>) and builds its bigram profile.</summary>
    public static TextFingerprint Of(string? text)
    {
        var normalised = ReportText.Normalise(text);
        if (normalised.Length == 0)
        {
            return Empty;
        }

        if (normalised.Length == 1)
        {
            return new TextFingerprint([normalised[0]], [1], []);
        }

        var raw = new int[normalised.Length - 1];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (normalised[i] << 16) | normalised[i + 1];
        }

        Array.Sort(raw);
        var distinct = 1;
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != raw[i - 1])
            {
                distinct++;
            }
        }

        var grams = new int[distinct];
        var counts = new int[distinct];
        var slot = 0;
        grams[0] = raw[0];
        counts[0] = 1;
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] == grams[slot])
            {
                counts[slot]++;
            }
            else
            {
                slot++;
                grams[slot] = raw[i];
                counts[slot] = 1;
            }
        }

        return new TextFingerprint(grams, counts, ReportText.HouseNumbers(normalised));
    }

    /// <summary>Cosine similarity of the bigram count vectors, in [0, 1]; 0 when either text is empty.</summary>
    public double Cosine(TextFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (_norm == 0 || other._norm == 0)
        {
            return 0;
        }

        var dot = 0L;
        int i = 0, j = 0;
        var a = _grams;
        var b = other._grams;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                dot += (long)_counts[i] * other._counts[j];
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return Math.Min(1.0, dot / (_norm * other._norm));
    }

    /// <summary>
    /// Share of the smaller text's distinct grams that the other text also has (overlap coefficient), in [0, 1].
    /// Unlike the cosine it does not punish a terse app report for being shorter than an agent's long note.
    /// </summary>
    public double Overlap(TextFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var smaller = Math.Min(_grams.Length, other._grams.Length);
        if (smaller == 0)
        {
            return 0;
        }

        var shared = 0;
        int i = 0, j = 0;
        var a = _grams;
        var b = other._grams;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / smaller;
    }
}
