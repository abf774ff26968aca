using System.Globalization;
using System.Reflection;
using System.Text;
using MiniExcelLibs;

namespace Tongguan.Cases.Reports;

/// <summary>
/// Writes a report's flat rows as a table: CSV (RFC 4180, UTF-8 with a BOM so that Excel reads Chinese right) or
/// XLSX (MiniExcel). Columns are the row record's properties in declaration order, headed by their camelCase names.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteCsvAsync<TRow>(IEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(',', properties.Select(p => Quote(SlaParameters.Camel(p.Name))))).ConfigureAwait(false);
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(string.Join(',', properties.Select(p => Quote(Text(p.GetValue(row)))))).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task WriteXlsxAsync<TRow>(IEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        // Dictionaries keep the camelCase headers the CSV and JSON use; MiniExcel would otherwise take the C# names.
        var sheet = rows.Select(row => properties.ToDictionary(p => SlaParameters.Camel(p.Name), p => p.GetValue(row))).ToList();
        if (sheet.Count == 0)
        {
            sheet.Add(properties.ToDictionary(p => SlaParameters.Camel(p.Name), _ => (object?)null));
        }

        // ZipArchive writes synchronously on dispose; a memory buffer keeps that off the response stream.
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheet, cancellationToken: cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<byte[]> ToBytesAsync<TRow>(IEnumerable<TRow> rows, ReportFormat format, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        if (format == ReportFormat.Xlsx)
        {
            await WriteXlsxAsync(rows, buffer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteCsvAsync(rows, buffer, cancellationToken).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
