using System.Globalization;
using System.Text;

namespace Tongguan.Bench.Reporting;

/// <summary>A GitHub-flavoured Markdown table, for RESULTS.md.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        return text.ToString();
    }
}

public static class Format
{
    public static string Number(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    public static string Duration(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => $"{nanoseconds.ToString("0", CultureInfo.InvariantCulture)} ns",
        < 1_000_000 => $"{(nanoseconds / 1_000).ToString("0.0", CultureInfo.InvariantCulture)} µs",
        < 1_000_000_000 => $"{(nanoseconds / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture)} ms",
        _ => $"{(nanoseconds / 1_000_000_000).ToString("0.00", CultureInfo.InvariantCulture)} s",
    };

    public static string Milliseconds(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} MB",
    };
}
