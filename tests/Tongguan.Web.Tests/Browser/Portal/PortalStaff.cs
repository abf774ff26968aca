using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tongguan.Web.Tests.Browser.Portal;

/// <summary>
/// The city's side of a portal journey, over the real HTTP API: the responsible unit accepts and handles the case,
/// the verifier checks it, an intake agent reads the result. Users come from definitions/reference/org.json: the
/// first user holding the role in the unit a task's candidate group (<c>role@unit</c>) names.
/// </summary>
internal sealed class PortalStaff(WebAppServer server) : IDisposable
{
    /// <summary>An intake agent of the reference data (reads every case, sees reporters' data).</summary>
    public const string IntakeAgent = "wang.fang";

    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public async Task<JsonObject> CaseAsync(string number) =>
        JsonNode.Parse(await (await ClientAsync(IntakeAgent)).GetStringAsync(new Uri($"api/cases/{number}", UriKind.Relative)))!.AsObject();

    /// <summary>Accept, handle with <paramref name="result"/>, verify: the case ends closed and waits for the citizen's rating.</summary>
    public async Task HandleToClosedAsync(string number, string result)
    {
        foreach (var (node, output) in new (string, object)[]
                 {
                     ("accept", new { decision = "accept" }),
                     ("handle", new { outcome = "done", result }),
                     ("verify", new { verified = true }),
                 })
        {
            var detail = await CaseAsync(number);
            var task = detail["openTasks"]!.AsArray().Single(t => (string?)t!["nodeId"] == node)!;
            var user = UserOf((string)task["candidateGroups"]![0]!);
            using var response = await (await ClientAsync(user)).PostAsJsonAsync(new Uri($"api/inbox/tasks/{task["id"]}/complete", UriKind.Relative), new { output });
            Assert.True(response.IsSuccessStatusCode, $"{user} could not complete {node} of {number}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string UserOf(string group)
    {
        var (role, unit) = (group[..group.IndexOf('@', StringComparison.Ordinal)], group[(group.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        using var org = JsonDocument.Parse(File.ReadAllText(Path.Combine(EditorJourneyTests.RepositoryRoot(), "definitions", "reference", "org.json")));
        return org.RootElement.GetProperty("users").EnumerateArray()
            .First(u => u.GetProperty("orgUnit").GetString() == unit && u.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == role))
            .GetProperty("id").GetString()!;
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        if (_clients.TryGetValue(user, out var known))
        {
            return known;
        }

        var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var login = await client.PostAsJsonAsync(new Uri("api/account/login", UriKind.Relative), new { userName = user, password = WebAppServer.Password });
        var body = await login.Content.ReadAsStringAsync();
        Assert.True(login.IsSuccessStatusCode, $"{user} could not sign in: {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(body)!["accessToken"]!.GetValue<string>());
        _clients[user] = client;
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
