using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Tongguan.Cases.Open311;

/// <summary>The two formats GeoReport v2 names: XML (required by the spec) and JSON (its Spark-convention mapping).</summary>
public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>
/// One element with ordered children: a GeoReport v2 <c>service</c>, <c>request</c>, <c>attribute</c>, <c>error</c>.
/// Values are strings, booleans, numbers, nested records or <see cref="Open311List"/>; null is written as an empty
/// XML element and a JSON <c>null</c>, so both formats carry every field the spec's examples show.
/// </summary>
public sealed class Open311Record : List<KeyValuePair<string, object?>>
{
    public void Add(string name, object? value) => Add(new KeyValuePair<string, object?>(name, value));
}

/// <summary>A repeated element: <c>&lt;services&gt;&lt;service/&gt;…</c> in XML, an array in JSON.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// A GeoReport v2 response body: the XML root element and its content. A list content makes a JSON array at the
/// root (services, service_requests, errors); a record makes a JSON object (service_definition).
/// </summary>
public sealed record Open311Body(string RootName, object Content)
{
    public static Open311Body Errors(IEnumerable<Open311Error> errors) =>
        new("errors", new Open311List("error", [.. errors.Select(e => (object?)new Open311Record { { "code", e.Code }, { "description", e.Description } })]));
}

/// <summary>One entry of the spec's error array; <paramref name="Code"/> may be more specific than the HTTP status.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>Writes an <see cref="Open311Body"/> as <c>text/xml</c> or <c>application/json</c>, UTF-8, as the spec asks.</summary>
public sealed class Open311Result(Open311Format format, int statusCode, Open311Body body) : IResult, IStatusCodeHttpResult
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public Open311Format Format { get; } = format;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Open311Body Body { get; } = body;

    /// <summary>The spec's error array with one entry, answered with <paramref name="httpStatus"/>.</summary>
    public static Open311Result Error(Open311Format format, int httpStatus, string description, int? code = null) =>
        new(format, httpStatus, Open311Body.Errors([new Open311Error(code ?? httpStatus, description)]));

    public static Open311Result Errors(Open311Format format, int httpStatus, IEnumerable<Open311Error> errors) =>
        new(format, httpStatus, Open311Body.Errors(errors));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = Format == Open311Format.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
        var stream = response.Body;
        if (Format == Open311Format.Json)
        {
            var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                WriteJson(writer, Body.Content);
                await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
        else
        {
            var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Encoding = Utf8, Indent = false });
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteStartDocumentAsync().ConfigureAwait(false);
                await WriteXmlAsync(writer, Body.RootName, Body.Content).ConfigureAwait(false);
                await writer.WriteEndDocumentAsync().ConfigureAwait(false);
                await writer.FlushAsync().ConfigureAwait(false);
            }
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case Open311Record record:
                writer.WriteStartObject();
                foreach (var (name, child) in record)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, child);
                }

                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"An Open311 document cannot hold a {value.GetType().Name}.");
        }
    }

    private static async Task WriteXmlAsync(XmlWriter writer, string name, object? value)
    {
        await writer.WriteStartElementAsync(null, name, null).ConfigureAwait(false);
        switch (value)
        {
            case null:
                break;
            case Open311Record record:
                foreach (var (childName, child) in record)
                {
                    await WriteXmlAsync(writer, childName, child).ConfigureAwait(false);
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    await WriteXmlAsync(writer, list.ItemName, item).ConfigureAwait(false);
                }

                break;
            default:
                await writer.WriteStringAsync(XmlText(Scalar(value))).ConfigureAwait(false);
                break;
        }

        await writer.WriteEndElementAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The text with every character XML 1.0 cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates) replaced by
    /// U+FFFD. A client's own input echoed in an error, or a report text taken in as JSON, may contain them; XmlWriter
    /// threw on them after the answer had started, and the client got a broken response (found by the fuzzing).
    /// </summary>
    private static string XmlText(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (XmlConvert.IsXmlChar(character))
            {
                builder?.Append(character);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], character))
            {
                builder?.Append(character).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
                builder.Append('\uFFFD');
            }
        }

        return builder?.ToString() ?? text;
    }

    private static string Scalar(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"An Open311 document cannot hold a {value.GetType().Name}."),
    };
}
