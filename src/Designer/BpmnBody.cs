using Microsoft.AspNetCore.Http;

namespace Tongguan.Designer;

/// <summary>Reads a raw BPMN XML request body (any of the XML content types, or none).</summary>
internal static class BpmnBody
{
    public static readonly string[] ContentTypes = ["application/xml", "text/xml", "application/bpmn+xml"];

    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
