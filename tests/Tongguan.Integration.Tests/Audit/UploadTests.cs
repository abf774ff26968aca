using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Attachments;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Audit;

/// <summary>
/// Safe uploads end to end: the type comes from the bytes (a renamed program is refused with 415), an oversized request
/// is refused from its declared length (413), the file lands outside the web root under a generated name, and the
/// request body limits reach Kestrel and the form reader.
/// </summary>
public sealed class UploadTests(SqliteAuditApp app) : IClassFixture<SqliteAuditApp>
{
    private static readonly byte[] Heic = [0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8, .. new byte[300]];

    private async Task<(HttpClient Officer, string TaskId)> OfficerTaskAsync()
    {
        app.Clock.Advance(TimeSpan.FromDays(4));
        var cell = app.Reference().GridCells[5];
        var filed = await app.CreateClient("wang.fang").FileAsync(new
        {
            channel = "Hotline12345", categoryCode = "S0102", text = "路灯旁垃圾堆积 " + Guid.NewGuid().ToString("N")[..8],
            latitude = cell.Centroid.Lat, longitude = cell.Centroid.Lon,
        });
        var accept = await app.CreateClient("wang.fang").OpenTaskAsync((string)filed["caseNumber"]!, "accept");
        var group = (string)accept["candidateGroups"]![0]!;
        var officer = app.Reference().UsersIn(CandidateGroup.TryParse(group, out var g) ? g.Value : throw new ArgumentException(group))[0].Id;
        return (app.CreateClient(officer), (string)accept["id"]!);
    }

    [Fact]
    public async Task RenamedProgram_IsRefusedWith415_AndLeavesNothingBehind()
    {
        var (officer, task) = await OfficerTaskAsync();
        byte[] exe = [.. "MZ"u8, 0x90, 0x00, 0x03, .. new byte[500]];
        var store = app.Services.GetRequiredService<AttachmentStore>();
        var before = Directory.Exists(store.Folder) ? Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories).Length : 0;

        var response = await officer.PostAsync($"/api/inbox/tasks/{task}/attachments?fileName=photo.jpg", new ByteArrayContent(exe));

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("a Windows program", (string?)problem["detail"], StringComparison.Ordinal);
        var after = Directory.Exists(store.Folder) ? Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories).Length : 0;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task OversizedRequest_IsRefusedWith413_FromItsDeclaredLength()
    {
        var (officer, task) = await OfficerTaskAsync();
        var limit = RequestBodyLimits.UploadLimit(app.Services);

        var response = await officer.PostAsync($"/api/inbox/tasks/{task}/attachments?fileName=big.png", new ByteArrayContent(new byte[limit + 1]));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request is too large", (string?)problem["title"]);
    }

    [Fact]
    public async Task HeicPhoto_IsStoredOutsideTheWebRoot_UnderAGeneratedName()
    {
        var (officer, task) = await OfficerTaskAsync();

        var created = await (await officer.PostAsync($"/api/inbox/tasks/{task}/attachments?fileName=../../wwwroot/IMG_0001.heic", new ByteArrayContent(Heic)))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal(ContentSniffer.Heic, (string?)created["contentType"]);
        Assert.Equal("IMG_0001.heic", (string?)created["fileName"]);
        var store = app.Services.GetRequiredService<AttachmentStore>();
        var file = Assert.Single(Directory.GetFiles(store.Folder, Guid.Parse((string)created["id"]!).ToString("N"), SearchOption.AllDirectories));
        Assert.Equal(Heic, await File.ReadAllBytesAsync(file));
        Assert.Matches(@"^\d{4}/\d{2}/[0-9a-f]{32}$", Path.GetRelativePath(store.Folder, file).Replace('\\', '/'));
        var environment = app.Services.GetRequiredService<IWebHostEnvironment>();
        var webRoot = Path.GetFullPath(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"));
        Assert.False(file.StartsWith(webRoot + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void BodyLimits_ReachKestrelAndTheFormReader()
    {
        var limits = app.Services.GetRequiredService<IOptions<RequestBodyOptions>>().Value;
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        var form = app.Services.GetRequiredService<IOptions<FormOptions>>().Value;

        Assert.Equal(RequestBodyOptions.DefaultMaxBodyBytes, limits.MaxBodyBytes);
        Assert.Equal(limits.MaxBodyBytes, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(RequestBodyLimits.UploadLimit(app.Services), form.MultipartBodyLengthLimit);
        Assert.Equal(CaseAppSetup.AttachmentLimit + limits.UploadOverheadBytes, RequestBodyLimits.UploadLimit(app.Services));
    }

    [Fact]
    public async Task UploadOfExactlyTheLimit_IsAccepted()
    {
        var (officer, task) = await OfficerTaskAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[CaseAppSetup.AttachmentLimit - 8]];

        var atTheLimit = await officer.PostAsync($"/api/inbox/tasks/{task}/attachments?fileName=full.png", new ByteArrayContent(png));

        var created = await atTheLimit.JsonAsync(HttpStatusCode.Created);
        Assert.Equal((long)CaseAppSetup.AttachmentLimit, (long)created["length"]!);
    }
}
