namespace Tongguan.Workflows.Parsing;

/// <summary>
/// Splits <c>tg:candidateGroups</c> and <c>tg:candidateUsers</c> into items, each a literal name or a
/// <c>${expr}</c> / <c>#{expr}</c> expression. Commas inside an expression (including inside its string literals)
/// belong to the expression, so <c>${a ? 'x@1' : 'y@2'}</c> and <c>${[a, b]}</c> stay whole.
/// </summary>
internal static class CandidateList
{
    /// <summary>The items in written order, trimmed; empty items are dropped. An unclosed expression runs to the end.</summary>
    public static List<string> Split(string? text)
    {
        var items = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return items;
        }

        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '$' or '#' && i + 1 < text.Length && text[i + 1] == '{')
            {
                i = SkipExpression(text, i + 2);
                continue;
            }

            if (c == ',')
            {
                Add(items, text[start..i]);
                start = i + 1;
            }

            i++;
        }

        Add(items, text[start..]);
        return items;
    }

    private static void Add(List<string> items, string item)
    {
        var trimmed = item.Trim();
        if (trimmed.Length > 0)
        {
            items.Add(trimmed);
        }
    }

    /// <summary>Index just past the <c>}</c> closing an expression whose body starts at <paramref name="i"/>.</summary>
    private static int SkipExpression(string text, int i)
    {
        var depth = 1;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\'' or '"' or '`':
                    i = SkipString(text, i + 1, c);
                    continue;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return i;
    }

    /// <summary>Index just past the quote closing a string literal whose content starts at <paramref name="i"/>.</summary>
    private static int SkipString(string text, int i, char quote)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                return i + 1;
            }

            i++;
        }

        return i;
    }
}
