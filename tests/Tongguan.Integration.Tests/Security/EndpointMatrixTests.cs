using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using AccessPolicies = Tongguan.Cases.Access.Policies;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// Endpoint × role: reads every endpoint of the real host from its <see cref="EndpointDataSource"/>, requires each to
/// declare a policy or to be explicitly anonymous, then calls each one over HTTP as anonymous and as a signed-in user
/// of every role, and checks 401 / 403 / let through exactly as the declared policy says. Nothing here lists
/// endpoints by hand: a new endpoint is covered, or fails, by being mapped.
/// </summary>
public sealed partial class EndpointMatrixTests(SqliteCaseApp app) : IClassFixture<SqliteCaseApp>
{
    /// <summary>One endpoint as the matrix sees it: method, route, and the roles its policies admit (null = anonymous allowed).</summary>
    public sealed record Entry(string Method, string Route, string DisplayName, IReadOnlySet<string>? AllowedRoles, IReadOnlyList<string> Policies, string BodyType);

    private List<Entry> Endpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var entries = new List<Entry>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var policies = authorize.Select(a => a.Policy ?? "(default)").ToList();
            IReadOnlySet<string>? roles = null;
            if (!anonymous)
            {
                // Several policies on one endpoint (group and endpoint) must all pass: the roles they have in common.
                var allowed = new HashSet<string>(Roles.All, StringComparer.Ordinal);
                foreach (var policy in policies)
                {
                    allowed.IntersectWith(AccessPolicies.RolesOf.TryGetValue(policy, out var r) ? r : []);
                }

                roles = allowed;
            }

            foreach (var method in methods)
            {
                var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } accepted ? accepted[0] : "application/json";
                entries.Add(new Entry(method, endpoint.RoutePattern.RawText ?? "", endpoint.DisplayName ?? "", roles, policies, bodyType));
            }
        }

        return entries;
    }

    /// <summary>Per role, one reference data user who holds only that role, so that a result is the role's alone.</summary>
    private Dictionary<string, string> RoleUsers()
    {
        var data = app.Services.GetRequiredService<ReferenceDataSnapshot>();
        return Roles.All.ToDictionary(
            r => r,
            r => data.Users.First(u => u.Roles.Count == 1 && u.Roles[0] == r).Id,
            StringComparer.Ordinal);
    }

    [Fact]
    public void EveryEndpoint_DeclaresAKnownPolicy_OrIsExplicitlyAnonymous()
    {
        var endpoints = Endpoints();

        Assert.True(endpoints.Count > 50, $"Only {endpoints.Count} endpoints found; is the host's EndpointDataSource complete?");
        var undeclared = endpoints.Where(e => e.AllowedRoles is not null && e.Policies.Count == 0).Select(e => $"{e.Method} {e.Route}").ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without .RequireAuthorization(Policies.X) or .AllowAnonymous():\n" + string.Join('\n', undeclared));
        var unknown = endpoints.SelectMany(e => e.Policies.Where(p => !AccessPolicies.RolesOf.ContainsKey(p)).Select(p => $"{e.Method} {e.Route}: {p}")).ToList();
        Assert.True(unknown.Count == 0, "Endpoints with a policy that is not in Policies.RolesOf:\n" + string.Join('\n', unknown));
        var nobody = endpoints.Where(e => e.AllowedRoles is { Count: 0 }).Select(e => $"{e.Method} {e.Route}").ToList();
        Assert.True(nobody.Count == 0, "Endpoints whose policies admit no role at all:\n" + string.Join('\n', nobody));
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEachRoleAndAnonymous_AsItsPolicySays()
    {
        var users = RoleUsers();
        var callers = new List<(string Name, string? Role, HttpClient Client)> { ("anonymous", null, app.CreateAnonymousClient()) };
        callers.AddRange(users.Select(u => ($"{u.Value} ({u.Key})", (string?)u.Key, app.CreateClient(u.Value))));
        var wrong = new List<string>();
        var calls = 0;

        // The static files' development fallback ({**path:file}, explicitly anonymous) only matches a file that exists
        // on disk; any made-up path falls through to no endpoint at all, so it cannot be called here.
        foreach (var entry in Endpoints().Where(e => !e.Route.Contains(":file}", StringComparison.Ordinal)))
        {
            foreach (var (name, role, client) in callers)
            {
                using var response = await client.SendAsync(RequestFor(entry));
                calls++;
                var status = (int)response.StatusCode;
                var expectation = Expect(entry, role);
                if (!expectation.Matches(status))
                {
                    wrong.Add($"{entry.Method} {entry.Route} as {name}: expected {expectation.Text}, got {status} (policies: {string.Join(", ", entry.Policies.DefaultIfEmpty("anonymous"))})");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {calls} calls disagree with the declared rules:\n" + string.Join('\n', wrong));
    }

    private sealed record Expectation(string Text, Func<int, bool> Matches);

    private static Expectation Expect(Entry entry, string? role)
    {
        if (entry.AllowedRoles is null)
        {
            // Public: never asks for a sign-in (a handler may still refuse, e.g. Open311 POST without an api key).
            return new Expectation("not 401", s => s != StatusCodes.Status401Unauthorized);
        }

        if (role is null)
        {
            return new Expectation("401", s => s == StatusCodes.Status401Unauthorized);
        }

        return entry.AllowedRoles.Contains(role)
            ? new Expectation("neither 401 nor 403", s => s is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
            : new Expectation("403", s => s == StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// A request that reaches the endpoint: route parameters filled by their constraint (random ids, so nothing real
    /// is touched and allowed callers get 404 or 400), as the body of writes an empty JSON object or, for endpoints that
    /// accept another type (BPMN XML), an empty document of that type — a wrong type would be refused by routing
    /// (415) before authorisation is reached.
    /// </summary>
    private static HttpRequestMessage RequestFor(Entry entry)
    {
        var path = RouteParameter().Replace(entry.Route, m => m.Groups["constraint"].Value switch
        {
            var c when c.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            var c when c.Contains("int", StringComparison.Ordinal) => "1",
            _ when m.Groups["name"].Value == "format" => "json",
            _ => "matrix-" + Guid.NewGuid().ToString("N")[..6],
        });
        var request = new HttpRequestMessage(new HttpMethod(entry.Method), path.StartsWith('/') ? path : "/" + path);
        if (entry.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = entry.BodyType.Contains("json", StringComparison.Ordinal)
                ? new StringContent("{}", Encoding.UTF8, "application/json")
                : new StringContent("", Encoding.UTF8, entry.BodyType);
        }

        return request;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraint>[^}]*)\}")]
    private static partial Regex RouteParameter();

    // ---- scope rows: the same endpoint, different org units ----

    private async Task<JsonObject> FileCaseInStreetAsync(string communityId)
    {
        var cell = app.Reference().GridCellsOf(communityId)[0];
        var filed = await app.CreateClient("wang.fang").FileAsync(CaseSteps.Report(
            "Hotline12345", "S0102", (cell.Centroid.Lat, cell.Centroid.Lon), "矩阵测试 垃圾桶满了 " + Guid.NewGuid().ToString("N")[..8], "13812345678"));
        return await app.CreateClient("wang.fang").CaseAsync((string)filed["caseNumber"]!);
    }

    [Fact]
    public async Task StreetOfficer_SeesTheirStreetsCase_ButNotAnotherStreets()
    {
        var detail = await FileCaseInStreetAsync("D01-S01-C01");
        var number = (string)detail["case"]!["number"]!;
        Assert.Equal("D01-S01", (string?)detail["case"]!["streetId"]);
        var own = app.CreateClient("cao.yang");      // officer of street D01-S01
        var other = app.CreateClient("peng.bo");     // officer of street D02-S01

        (await own.GetAsync($"/api/cases/{number}")).EnsureSuccessStatusCode();
        await (await other.GetAsync($"/api/cases/{number}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/cases/{number}/timeline")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(await NumbersAsync(own), n => n == number);
        Assert.DoesNotContain(await NumbersAsync(other), n => n == number);
        var data = app.Reference();
        Assert.All(await ListAsync(other), c => Assert.True(
            UnitFields.Any(k => (string?)c[k] is { } unit && data.IsWithin(unit, "D02-S01")),
            $"peng.bo (D02-S01) sees {c["number"]} of street {c["streetId"]}, responsible {c["responsibleUnitId"]}"));
    }

    [Fact]
    public async Task Department_SeesTheCasesItIsResponsibleFor_AndCityWideRolesSeeAll()
    {
        var detail = await FileCaseInStreetAsync("D01-S01-C01");
        var number = (string)detail["case"]!["number"]!;
        var responsible = (string)detail["case"]!["responsibleUnitId"]!;
        var data = app.Reference();
        var departmentOfficer = data.UsersIn(new CandidateGroup(Roles.Officer, responsible))[0].Id;
        var otherDepartment = data.Users.First(u => u.Roles.SequenceEqual([Roles.Officer]) && data.FindOrgUnit(u.OrgUnitId)!.Level == OrgLevel.Department &&
                                                    u.OrgUnitId != responsible && !data.IsWithin(u.OrgUnitId, "D01")).Id;

        (await app.CreateClient(departmentOfficer).GetAsync($"/api/cases/{number}")).EnsureSuccessStatusCode();
        await (await app.CreateClient(otherDepartment).GetAsync($"/api/cases/{number}")).ProblemAsync(HttpStatusCode.NotFound);
        foreach (var cityWide in new[] { "wang.fang", "zhang.wei", "li.na", "admin" })
        {
            (await app.CreateClient(cityWide).GetAsync($"/api/cases/{number}")).EnsureSuccessStatusCode();
            Assert.Contains(await NumbersAsync(app.CreateClient(cityWide)), n => n == number);
        }

        await (await app.CreateClient("chen.jing").GetAsync($"/api/cases/{number}")).ProblemAsync(HttpStatusCode.Forbidden); // a designer
    }

    [Fact]
    public async Task Auditor_ReadsEverything_ButEveryWriteIsForbidden()
    {
        var detail = await FileCaseInStreetAsync("D01-S01-C01");
        var number = (string)detail["case"]!["number"]!;
        var task = detail["openTasks"]!.AsArray()[0]!;
        var auditor = app.CreateClient("li.na");

        (await auditor.GetAsync($"/api/cases/{number}")).EnsureSuccessStatusCode();
        (await auditor.GetAsync("/api/sla/kpis")).EnsureSuccessStatusCode();
        await (await auditor.PostAsJsonAsync("/api/reports", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync($"/api/cases/{number}/reopen", new { reason = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync($"/api/inbox/tasks/{task["id"]}/claim", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostAsJsonAsync("/api/sla/recommendations/apply", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        // The API's writes: the web app's pages also accept POST (Blazor forms) and its circuit hub negotiates by POST.
        var writes = Endpoints().Where(e => e.Method is not ("GET" or "HEAD") && e.Route.StartsWith("/api/", StringComparison.Ordinal) &&
                                            e.AllowedRoles is not null && e.AllowedRoles.Contains(Roles.Auditor)).Select(e => $"{e.Method} {e.Route}");
        Assert.Equal(["POST /api/account/logout", "POST /api/sla/jobs"], writes.Order(StringComparer.Ordinal));
    }

    private static readonly string[] UnitFields = ["responsibleUnitId", "escalatedToUnitId", "districtId", "streetId", "communityId"];

    private static async Task<List<JsonObject>> ListAsync(HttpClient client) =>
        [.. (await (await client.GetAsync("/api/cases?take=200")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(c => c!.AsObject())];

    private static async Task<List<string>> NumbersAsync(HttpClient client) =>
        [.. (await ListAsync(client)).Select(c => (string)c["number"]!)];
}
