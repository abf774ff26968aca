using System.Net;
using System.Text;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;
using Tongguan.Integration.Tests.Open311;
using Tongguan.Integration.Tests.Portal;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// The bugs <see cref="PublicEndpointFuzzTests"/> found, each pinned by the smallest request that showed it (all were
/// 500s with an unhandled exception in the host's log).
/// </summary>
[Collection(nameof(FuzzApp))]
public sealed class FuzzFindingsTests(FuzzApp app)
{
    private static ByteArrayContent Body(string text, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private static string TruncatedMultipart()
    {
        var whole = "--b\r\nContent-Disposition: form-data; name=\"categoryCode\"\r\n\r\nS0102\r\n--b\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n垃圾桶满了\r\n--b--\r\n";
        return whole[..70];
    }

    private static string TooManyFields() => string.Join('&', Enumerable.Range(0, 1100).Select(i => $"k{i}=v"));

    [Theory]
    [InlineData("multipart/form-data")] // no boundary
    [InlineData("multipart/form-data; boundary=b")] // truncated
    [InlineData("application/x-www-form-urlencoded")] // more values than the form limit
    public async Task Open311Post_AnswersAnOpen311Error_WhenTheFormItselfIsMalformed(string type)
    {
        var key = await app.CreateKeyAsync("malformed forms");
        var body = type.StartsWith("application", StringComparison.Ordinal) ? TooManyFields() + "&api_key=" + key : TruncatedMultipart();

        using var response = await app.CreateAnonymousClient().PostAsync($"{Open311Client.Base}/requests.json", Body(body, type));

        var error = Assert.Single(await response.Open311ErrorsAsync(HttpStatusCode.BadRequest));
        Assert.StartsWith("The form cannot be read", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open311Post_AnswersAnOpen311Error_WhenTheBodyIsOverTheUploadLimit()
    {
        // Over the 64 KB attachment limit plus 64 KB of form overhead: refused by the endpoint's filter before the handler.
        var body = "api_key=x&description=" + new string('a', 2 * 64 * 1024 + 10);

        using var response = await app.CreateAnonymousClient().PostAsync($"{Open311Client.Base}/requests.json", Body(body, "application/x-www-form-urlencoded"));

        var error = Assert.Single(await response.Open311ErrorsAsync(HttpStatusCode.BadRequest));
        Assert.Equal(413, error.Code);
    }

    [Fact]
    public async Task Open311Xml_ReplacesCharactersXmlCannotHold_InsteadOfBreakingTheAnswer()
    {
        var key = await app.CreateKeyAsync("xml characters");

        // U+FFFE in the service code, echoed in the 404's description.
        using var response = await app.CreateAnonymousClient().PostAsync(
            $"{Open311Client.Base}/requests.xml", Body($"api_key={key}&service_code=S%EF%BF%BE01&description=x", "application/x-www-form-urlencoded"));

        var errors = await response.Open311XmlAsync(HttpStatusCode.NotFound);
        Assert.Contains("S\uFFFD01", errors.Element("error")!.Element("description")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open311Post_AnswersAnOpen311Error_ForANulInAUrlEncodedValue()
    {
        using var response = await app.CreateAnonymousClient().PostAsync($"{Open311Client.Base}/requests.xml", Body("service_code=S0102&description=a%00b", "application/x-www-form-urlencoded"));

        var errors = await response.Open311XmlAsync(HttpStatusCode.BadRequest);
        Assert.Equal("errors", errors.Name.LocalName);
        Assert.Equal("400", errors.Element("error")!.Element("code")!.Value);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=b")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task PortalReport_AnswersAProblem_WhenTheFormItselfIsMalformed(string type)
    {
        var body = type.StartsWith("application", StringComparison.Ordinal) ? TooManyFields() : TruncatedMultipart();

        using var response = await app.CreateAnonymousClient().PostAsync("/api/portal/reports", Body(body, type));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The form cannot be read", (string?)problem["title"]);
    }

    [Fact]
    public async Task PortalReport_StillTakesAValidReport_AfterMalformedForms()
    {
        using var _ = await app.CreateAnonymousClient().PostAsync("/api/portal/reports", Body(TruncatedMultipart(), "multipart/form-data; boundary=b"));

        var accepted = await app.CreateAnonymousClient().ReportedAsync("S0102", app.At(app.Reference().GridCellsOf("D01-S01-C01")[0].Id), "格式错误之后 垃圾桶满了");

        Assert.StartsWith("TG-", (string?)accepted["caseNumber"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/_content/Tongguan.Designer/dist/editor.js", "text/javascript")]
    public async Task RazorClassLibraryFiles_AreServed_OutsideDevelopment(string path, string type)
    {
        // The host runs in the Testing environment from the build output, as a staging node started with dotnet run does.
        using var response = await app.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(app.Log.Errors, e => e.Contains(path, StringComparison.Ordinal));
    }
}
