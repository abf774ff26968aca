using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Portal;

/// <summary>The case host with the portal's per-address limits out of the way (every test client shares one address).</summary>
public sealed class SqlitePortalApp : SqliteApp, ICaseApp
{
    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder)
    {
        CaseAppSetup.Configure(builder, Clock);
        builder.UseSetting("Tongguan:Portal:ReportsPerMinute", "0");
        builder.UseSetting("Tongguan:Portal:LookupsPerMinute", "0");
    }
}

/// <summary>The case host with portal limits small enough for a test to reach.</summary>
public sealed class LimitedPortalApp : SqliteApp, ICaseApp
{
    public const int ReportsPerMinute = 2;

    public const int LookupsPerMinute = 3;

    public FakeTimeProvider Clock { get; } = new(CaseAppSetup.Start);

    public IServiceProvider Services => Factory.Services;

    protected override void Configure(IWebHostBuilder builder)
    {
        CaseAppSetup.Configure(builder, Clock);
        builder.UseSetting("Tongguan:Portal:ReportsPerMinute", ReportsPerMinute.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Tongguan:Portal:LookupsPerMinute", LookupsPerMinute.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A citizen's side of the portal: a form in, the case number and tracking code out; progress and rating with both.</summary>
internal static class PortalCitizen
{
    /// <summary>A real (tiny) PNG's first bytes: enough for the content sniffer to know it as an image.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];

    public static async Task<HttpResponseMessage> ReportAsync(
        this HttpClient client, string category, (double Lat, double Lon)? at, string? text, string? name = null, string? phone = null, byte[]? photo = null,
        string photoName = "photo.png")
    {
        using var form = new MultipartFormDataContent();
        void Add(string field, string? value)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), field);
            }
        }

        Add("categoryCode", category);
        Add("description", text);
        Add("latitude", at?.Lat.ToString("R", CultureInfo.InvariantCulture));
        Add("longitude", at?.Lon.ToString("R", CultureInfo.InvariantCulture));
        Add("name", name);
        Add("phone", phone);
        if (photo is not null)
        {
            form.Add(new ByteArrayContent(photo), "photo", photoName);
        }

        return await client.PostAsync("/api/portal/reports", form);
    }

    public static async Task<JsonObject> ReportedAsync(this HttpClient client, string category, (double Lat, double Lon) at, string text, string? name = null, string? phone = null) =>
        await (await client.ReportAsync(category, at, text, name, phone)).JsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> ProgressAsync(this HttpClient client, string number, string? code) =>
        client.GetAsync(code is null ? $"/api/portal/cases/{number}" : $"/api/portal/cases/{number}?code={Uri.EscapeDataString(code)}");

    public static Task<HttpResponseMessage> RateAsync(this HttpClient client, string number, string? code, string? satisfaction, string? comment = null) =>
        client.PostAsJsonAsync($"/api/portal/cases/{number}/rating", new { trackingCode = code, satisfaction, comment });

    /// <summary>The case's units do their part through the inbox until the case is closed (accepted, handled, verified).</summary>
    public static async Task HandleToClosedAsync(this ICaseApp app, string number, string result)
    {
        var agent = app.CreateClient("wang.fang");
        foreach (var (node, output) in new (string, object)[]
                 {
                     ("accept", new { decision = "accept" }),
                     ("handle", new { outcome = "done", result }),
                     ("verify", new { verified = true }),
                 })
        {
            var task = await agent.OpenTaskAsync(number, node);
            var group = (string)task["candidateGroups"]![0]!;
            var user = app.Reference().UsersIn(CandidateGroup.TryParse(group, out var g) ? g.Value : throw new InvalidOperationException(group))[0].Id;
            _ = await (await app.CreateClient(user).PostAsJsonAsync($"/api/inbox/tasks/{task["id"]}/complete", new { output })).JsonAsync(HttpStatusCode.OK);
        }
    }
}
