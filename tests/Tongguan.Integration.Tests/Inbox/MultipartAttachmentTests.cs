using System.Net;
using System.Net.Http.Headers;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Audit;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Inbox;

/// <summary>The web app uploads the file picked in the browser as multipart/form-data: the same checks apply as to a raw body.</summary>
public sealed class MultipartAttachmentTests(SqliteAuditApp app) : IClassFixture<SqliteAuditApp>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];

    private async Task<(HttpClient Officer, string TaskId, string CaseNumber)> OfficerTaskAsync()
    {
        app.Clock.Advance(TimeSpan.FromDays(4));
        var cell = app.Reference().GridCells[7];
        var filed = await app.CreateClient("wang.fang").FileAsync(new
        {
            channel = "Hotline12345", categoryCode = "S0102", text = "垃圾桶破损 " + Guid.NewGuid().ToString("N")[..8],
            latitude = cell.Centroid.Lat, longitude = cell.Centroid.Lon,
        });
        var number = (string)filed["caseNumber"]!;
        var accept = await app.CreateClient("wang.fang").OpenTaskAsync(number, "accept");
        var group = (string)accept["candidateGroups"]![0]!;
        var officer = app.Reference().UsersIn(CandidateGroup.TryParse(group, out var g) ? g.Value : throw new ArgumentException(group))[0].Id;
        return (app.CreateClient(officer), (string)accept["id"]!, number);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Fact]
    public async Task MultipartUpload_StoresTheFirstFile_UnderItsOwnName()
    {
        var (officer, task, number) = await OfficerTaskAsync();
        using var form = Form(Png, "after.png");

        var created = await (await officer.PostAsync($"/api/inbox/tasks/{task}/attachments", form)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("after.png", (string?)created["fileName"]);
        Assert.Equal("image/png", (string?)created["contentType"]);
        Assert.Equal(Png.Length, (long)created["length"]!);
        var download = await officer.GetAsync($"/api/cases/{number}/attachments/{created["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task MultipartUpload_OfAProgram_IsRefusedWith415()
    {
        var (officer, task, _) = await OfficerTaskAsync();
        using var form = Form([.. "MZ"u8, 0x90, 0x00, 0x03, .. new byte[500]], "photo.jpg");

        var response = await officer.PostAsync($"/api/inbox/tasks/{task}/attachments", form);

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task MultipartForm_WithoutAFile_IsRefusedWith400()
    {
        var (officer, task, _) = await OfficerTaskAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        var response = await officer.PostAsync($"/api/inbox/tasks/{task}/attachments", form);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no file", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
