namespace Tongguan.Cases.Attachments;

/// <summary>A request's form as read, or why it could not be read (<see cref="Status"/> 400 or 413) — never an exception.</summary>
public sealed record ReadForm(IFormCollection? Form, int Status, string? Error);

/// <summary>
/// Reads the form of a public upload endpoint. ASP.NET Core throws when the form itself is malformed — a multipart body
/// without its boundary, truncated, with a broken Content-Disposition, over the form limits (1024 values, 2048-character
/// keys), a <c>%00</c> in a url-encoded value — and a handler that awaited <c>ReadFormAsync</c> let that through as a 500.
/// The client sent it, so it is the client's 400 (413 when the server's body limit stopped it), with the reason.
/// </summary>
public static class UploadForms
{
    public static async Task<ReadForm> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return new ReadForm(await request.ReadFormAsync(cancellationToken).ConfigureAwait(false), StatusCodes.Status200OK, null);
        }
        catch (BadHttpRequestException bad)
        {
            return new ReadForm(null, bad.StatusCode, $"The form cannot be read: {bad.Message}");
        }
        catch (InvalidDataException invalid)
        {
            return new ReadForm(null, StatusCodes.Status400BadRequest, $"The form cannot be read: {invalid.Message}");
        }
        catch (IOException broken) when (!cancellationToken.IsCancellationRequested)
        {
            // The body ended before the multipart's closing boundary (or the client went away, who reads no answer).
            return new ReadForm(null, StatusCodes.Status400BadRequest, $"The form cannot be read: {broken.Message}");
        }
    }
}
