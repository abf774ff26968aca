using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;
using Tongguan.Integration.Tests.Open311;
using Tongguan.Integration.Tests.Portal;
using Xunit.Abstractions;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// A bounded, seeded fuzzing run of every anonymous endpoint of the real host (issue 8, "bad input at scale"). The
/// endpoints come from the host's <see cref="EndpointDataSource"/>: those that take a body from strangers have a
/// generator of their own (Open311 POST, the portal's report and rating, sign-in and refresh), which mutates a valid
/// request and adds generated garbage; every other public endpoint is called with hostile route values, query strings
/// and bodies. A new public endpoint that takes a body and has no generator fails the test by name. Every answer must
/// be below 500, every refusal of a JSON API an RFC 7807 problem and of Open311 the spec's error list, and the host
/// must log no error; afterwards what was accepted before is still there and valid requests still succeed.
/// <c>TONGGUAN_FUZZ_SEED</c> replays another seed.
/// </summary>
[Collection(nameof(FuzzApp))]
public sealed partial class PublicEndpointFuzzTests(FuzzApp app, ITestOutputHelper output)
{
    private const int DefaultSeed = 20260314;

    /// <summary>Requests per endpoint that has a generator of its own; the rest get <see cref="GenericCases"/>.</summary>
    private static readonly Dictionary<string, int> Budget = new(StringComparer.Ordinal)
    {
        ["POST /open311/v2/requests.{format}"] = 260,
        ["POST /api/portal/reports"] = 160,
        ["POST /api/portal/cases/{number}/rating"] = 80,
        ["POST /api/account/login"] = 70,
        ["POST /api/account/refresh"] = 50,
    };

    private const int GenericCases = 12;

    /// <summary>Pages, static files and the circuit hub: framework code, called fewer times to stay in the CI budget.</summary>
    private const int GenericPageCases = 4;

    private static readonly string[] Hostile =
    [
        "", " ", "\t\r\n", "0", "-1", "1e400", "-1e400", "NaN", "Infinity", "-0", "99999999999999999999999999", "0x1F", "1,5", "１２３",
        "true", "null", "[]", "{}", "<x/>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "<script>alert(1)</script>",
        "'; DROP TABLE cases; --", "${jndi:ldap://x}", "{{7*7}}", "../../../../etc/passwd", "%", "%zz", "%E4%B8", "%00", "\0", "a\0b",
        "\u202E\u0645", "😀", "\uD800", "\uDFFF", "\uFFFE", "名", new string('字', 5000), new string('a', 70_000),
        "2026-02-30T25:61:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00", "S0102", "B0101", "TG-20260302-AAAAAAAAAA",
    ];

    private static readonly string[] RawQueries =
    [
        "", "?", "?&&==&", "?%", "?a=%zz", "?%00=%00", "?page=0", "?page=-1", "?page=99999999999", "?page_size=0", "?page_size=100000",
        "?status=open,closed,,wat", "?start_date=2026-01-01T00:00:00Z&end_date=2025-01-01T00:00:00Z", "?start_date=1&end_date=2",
        "?jurisdiction_id=elsewhere", "?jurisdiction_id=", "?service_request_id=" + new string('A', 3000), "?service_code=%FF%FE",
        "?code=", "?code=%00", "?code=" + new string('9', 2000), "?useCookies=maybe", "?persistent=2", "?returnUrl=//evil.example",
        "?returnUrl=javascript:alert(1)", "?culture=xx-INVALID", "?redirectUri=%0d%0aSet-Cookie:x=1", "?q=%E4%B8%AD%E6",
    ];

    /// <summary>Route values; not %00, which the test server refuses to send (Kestrel answers it 400 before routing).</summary>
    private static readonly string[] RouteValues =
    [
        "json", "xml", "JSON", "Xml", "yaml", "json.xml", "%FF", "%E4%B8", "名", "a%20b", "..", "%2e%2e%2fetc", "0", "-1",
        "TG-20260302-AAAAAAAAAA", "tg-20260302-aaaaaaaaaa", new string('A', 2000), "S0102", "B0101", "%3Cscript%3E", "zh-CN", "en", "xx",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=latin1", "text/plain", "application/xml", "text/xml", "application/x-www-form-urlencoded",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=nope", "application/octet-stream", "image/png", "*/*",
    ];

    private sealed record Target(string Method, string Route, string Key, Kind Kind);

    private enum Kind
    {
        /// <summary>A JSON API: every 4xx is application/problem+json.</summary>
        Problem,
        /// <summary>Open311: every 4xx is the spec's error list in the answer's format.</summary>
        Open311,
        /// <summary>A page, a static file, the circuit hub: only that nothing fails.</summary>
        Page,
    }

    private sealed record Known(string ServiceRequestId, string PortalNumber, string PortalCode, string ApiKey, string RefreshToken, (double Lat, double Lon) At);

    [Fact]
    public async Task EveryPublicEndpoint_SurvivesSeededGarbage_WithoutA500_AndRefusesInItsOwnFormat()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TONGGUAN_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        output.WriteLine($"seed {seed} (TONGGUAN_FUZZ_SEED={seed} replays it)");
        var random = new Random(seed);
        var targets = PublicEndpoints();
        var withoutGenerator = targets
            .Where(t => t.Method is not ("GET" or "HEAD") && !Budget.ContainsKey(t.Key) && (t.Route.StartsWith("/api/", StringComparison.Ordinal) || t.Route.StartsWith("/open311/", StringComparison.Ordinal)))
            .Select(t => t.Key).ToList();
        Assert.True(withoutGenerator.Count == 0, "Public endpoints that take a body but have no fuzzing generator here (add one to Budget and Generate):\n" + string.Join('\n', withoutGenerator));
        Assert.All(Budget.Keys, key => Assert.Contains(targets, t => t.Key == key));

        var known = await AcceptSomethingAsync();
        var errorsBefore = app.Log.Errors.Count;
        var client = app.CreateAnonymousClient();
        var statuses = new SortedDictionary<int, int>();
        var perEndpoint = new List<string>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var total = 0;
        foreach (var target in targets)
        {
            var count = Budget.GetValueOrDefault(target.Key, target.Kind == Kind.Page ? GenericPageCases : GenericCases);
            var refused = 0;
            for (var i = 0; i < count; i++)
            {
                // The same seed gives the same requests: each case draws from one sequence, in endpoint order.
                using var request = Generate(target, random, known);
                var description = Describe(request);
                using var response = await client.SendAsync(request);
                total++;
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                refused += status is >= 400 and < 500 ? 1 : 0;
                if (await CheckAsync(target, response) is { } wrong)
                {
                    failures.Add($"{target.Key} case {i}: {wrong}\n    request: {description}");
                }
            }

            perEndpoint.Add($"{target.Key}: {count} ({refused} refused)");
        }

        var elapsed = clock.Elapsed;
        Console.WriteLine($"[fuzz] seed {seed}: {total} requests to {targets.Count} public endpoints in {elapsed.TotalSeconds:0.0} s; statuses: " + string.Join(", ", statuses.Select(p => $"{p.Value}× {p.Key}")));
        var logged = app.Log.Errors.Skip(errorsBefore).ToList();
        output.WriteLine($"{total} requests to {targets.Count} public endpoints in {elapsed.TotalSeconds:0.0} s; statuses: " + string.Join(", ", statuses.Select(p => $"{p.Value}× {p.Key}")));
        output.WriteLine(string.Join('\n', perEndpoint));
        output.WriteLine($"{failures.Count} failures, {logged.Count} host log errors");

        await AssertNothingLostAsync(known);
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers (seed {seed}):\n" + string.Join('\n', failures.Take(15)));
        Assert.True(logged.Count == 0, $"The host logged {logged.Count} errors (seed {seed}):\n" + string.Join('\n', logged.Take(10)));
        Assert.True(statuses.Where(p => p.Key is >= 400 and < 500).Sum(p => p.Value) > total / 4, "The fuzzing was refused too rarely to mean anything.");
        Assert.True(statuses.Where(p => p.Key is >= 200 and < 300).Sum(p => p.Value) > 20, "Almost nothing was accepted: the mutations never stay close enough to a valid request.");
    }

    private List<Target> PublicEndpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var targets = new List<Target>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                continue;
            }

            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                // The OpenAPI document is ASP.NET Core's own (its 404 for an unknown document name is plain text), not one of our APIs.
                var kind = route.StartsWith("/open311/", StringComparison.Ordinal) ? Kind.Open311
                    : route.StartsWith("/api/", StringComparison.Ordinal) ? Kind.Problem
                    : Kind.Page;
                targets.Add(new Target(method, route, $"{method} {route}", kind));
            }
        }

        // Static files are one endpoint per file (and per compressed variant): one of each kind of file stands for the rest.
        return [.. targets.DistinctBy(t => t.Route.Contains('.', StringComparison.Ordinal) && !t.Route.Contains('{', StringComparison.Ordinal)
                ? t.Method + Path.GetExtension(t.Route) : t.Key, StringComparer.Ordinal)
            .OrderBy(t => t.Key, StringComparer.Ordinal)];
    }

    private static async Task<string?> CheckAsync(Target target, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{status}: {Truncated(body)}";
        }

        if (status < 400 || target.Kind == Kind.Page)
        {
            return null;
        }

        var type = response.Content.Headers.ContentType?.MediaType;
        if (target.Kind == Kind.Problem)
        {
            if (type != "application/problem+json")
            {
                return $"{status} without a problem document ({type}): {Truncated(body)}";
            }

            return JsonNode.Parse(body) is JsonObject problem && (int?)problem["status"] == status ? null : $"{status} with a problem of another status: {Truncated(body)}";
        }

        try
        {
            var wellFormed = type switch
            {
                "application/json" => JsonNode.Parse(body) is JsonArray { Count: > 0 } errors
                    && errors.All(e => e is JsonObject o && o.Count == 2 && o["code"] is JsonValue c && c.TryGetValue<int>(out _) && o["description"] is JsonValue d && d.TryGetValue<string>(out _)),
                "text/xml" => XDocument.Parse(body).Root is { Name.LocalName: "errors" } root && root.Elements().Any()
                    && root.Elements().All(e => e.Name.LocalName == "error" && int.TryParse(e.Element("code")?.Value, CultureInfo.InvariantCulture, out _) && e.Element("description") is not null),
                _ => false,
            };
            return wellFormed ? null : $"{status} not in Open311's error format ({type}): {Truncated(body)}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException)
        {
            return $"{status} with an unreadable body ({type}): {Truncated(body)}";
        }
    }

    // ---- what must survive the fuzzing ----

    private async Task<Known> AcceptSomethingAsync()
    {
        var client = app.CreateAnonymousClient();
        var at = app.At(app.Reference().GridCellsOf("D01-S01-C01")[0].Id);
        var key = await app.CreateKeyAsync("fuzzing");
        var posted = await (await client.PostRequestAsync("json", Open311Form(key, at, "模糊测试之前 路灯不亮 " + Guid.NewGuid().ToString("N")[..6])))
            .Open311JsonAsync(HttpStatusCode.Created);
        var reported = await client.ReportedAsync("S0102", at, "模糊测试之前 垃圾桶满了 " + Guid.NewGuid().ToString("N")[..6]);
        using var login = await client.PostAsync("/api/account/login", Json(new JsonObject { ["userName"] = "cao.yang", ["password"] = TongguanApp.Password }));
        var refresh = (string)(await login.JsonAsync(HttpStatusCode.OK))["refreshToken"]!;
        return new Known((string)posted[0]!["service_request_id"]!, (string)reported["caseNumber"]!, (string)reported["trackingCode"]!, key, refresh, at);
    }

    private async Task AssertNothingLostAsync(Known known)
    {
        var client = app.CreateAnonymousClient();
        var before = await (await client.GetAsync($"{Open311Client.Base}/requests/{known.ServiceRequestId}.json")).Open311JsonAsync(HttpStatusCode.OK);
        Assert.Equal(known.ServiceRequestId, (string?)before[0]!["service_request_id"]);
        var progress = await (await client.ProgressAsync(known.PortalNumber, known.PortalCode)).JsonAsync(HttpStatusCode.OK);
        Assert.NotNull(progress);

        var after = await client.PostRequestAsync("json", Open311Form(known.ApiKey, known.At, "模糊测试之后 路灯不亮 " + Guid.NewGuid().ToString("N")[..6]));
        var number = (string)(await after.Open311JsonAsync(HttpStatusCode.Created))[0]!["service_request_id"]!;
        await (await client.GetAsync($"{Open311Client.Base}/requests/{number}.xml")).Open311XmlAsync(HttpStatusCode.OK);
        var reported = await client.ReportedAsync("S0102", known.At, "模糊测试之后 垃圾桶满了 " + Guid.NewGuid().ToString("N")[..6]);
        await (await client.ProgressAsync((string)reported["caseNumber"]!, (string)reported["trackingCode"]!)).JsonAsync(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(await TongguanApp.SignInAsync(client, "admin", CancellationToken.None)));
        var detail = await app.CreateClient("wang.fang").CaseAsync(known.ServiceRequestId);
        Assert.Equal(known.ServiceRequestId, (string?)detail["case"]!["number"]);
    }

    // ---- generators ----

    private static HttpRequestMessage Generate(Target target, Random random, Known known) => target.Key switch
    {
        "POST /open311/v2/requests.{format}" => Open311Post(random, known),
        "POST /api/portal/reports" => PortalReport(random, known),
        "POST /api/portal/cases/{number}/rating" => JsonRequest(
            random, $"/api/portal/cases/{Pick(random, [known.PortalNumber, known.PortalNumber.ToLowerInvariant(), .. RouteValues])}/rating",
            new JsonObject { ["trackingCode"] = known.PortalCode, ["satisfaction"] = "satisfied", ["comment"] = "很好" }),
        "POST /api/account/login" => JsonRequest(
            random, "/api/account/login" + (random.Next(4) == 0 ? Pick(random, RawQueries) : ""),
            new JsonObject { ["userName"] = Pick(random, ["cao.yang", "nobody", "CAO.YANG"]), ["password"] = Pick(random, [TongguanApp.Password, "wrong"]) }),
        "POST /api/account/refresh" => JsonRequest(random, "/api/account/refresh", new JsonObject { ["refreshToken"] = Garble(random, known.RefreshToken) }),
        _ => Generic(target, random, known),
    };

    private static List<KeyValuePair<string, string>> Open311Form(string key, (double Lat, double Lon) at, string description) =>
    [
        new("api_key", key), new("service_code", "S0102"), new("lat", at.Lat.ToString("R", CultureInfo.InvariantCulture)),
        new("long", at.Lon.ToString("R", CultureInfo.InvariantCulture)), new("description", description), new("first_name", "明"),
        new("last_name", "陈"), new("phone", "13812345678"), new("email", "chen@example.org"), new("address_string", "春晖路88号"),
        new("media_url", "https://photos.example.org/p/1.jpg"),
    ];

    private static readonly string[] Open311Keys =
    [
        "api_key", "service_code", "lat", "long", "description", "first_name", "last_name", "phone", "email", "address_string", "address_id",
        "media_url", "jurisdiction_id", "device_id", "account_id", "attribute[CONDITION]", "attribute[]", "attribute[[x]]", "attribute[CONDITION][0]",
        "attribute[", "attribute]", "attribute[NOPE]", "ATTRIBUTE[CONDITION]", "", "=", "&", "名",
    ];

    private static readonly string[] MediaUrls =
    [
        "javascript:alert(1)", "http://", "file:///etc/passwd", "ftp://x/y.jpg", "http://[::1", "http://例子.测试/图.jpg", "//no-scheme/x.jpg",
        "https://x.example/" + new string('a', 1200), "https://x.example/a b.jpg", "http://169.254.169.254/latest/meta-data/",
    ];

    private static HttpRequestMessage Open311Post(Random random, Known known)
    {
        var form = Open311Form(known.ApiKey, known.At, "模糊测试 路灯不亮 " + random.Next(1_000_000));
        if (random.Next(3) == 0)
        {
            form[1] = new("service_code", "B0101");
            form.Add(new("attribute[CONDITION]", Pick(random, ["damaged", "missing", "stolen", ""])));
        }

        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var i = random.Next(form.Count);
            switch (random.Next(7))
            {
                case 0:
                    form.RemoveAt(i);
                    break;
                case 1:
                    form.Add(new(form[i].Key, Pick(random, [form[i].Value, .. Hostile])));
                    break;
                case 2:
                    form[i] = new(form[i].Key, Pick(random, Hostile));
                    break;
                case 3:
                    form.Add(new(Pick(random, Open311Keys), Pick(random, Hostile)));
                    break;
                case 4:
                    form.Add(new("media_url", Pick(random, MediaUrls)));
                    form.RemoveAll(p => p.Key == "media_url" && random.Next(2) == 0);
                    break;
                case 5:
                    form[0] = new("api_key", Pick(random, ["", "wrong", known.ApiKey.ToUpperInvariant(), known.ApiKey + " ", new string('k', 5000), "%00"]));
                    break;
                default:
                    var (lat, lon) = Pick(random, [("91", "0"), ("-90.0000001", "181"), ("31.1", ""), ("", "121.3"), ("1e400", "1e400"), ("NaN", "NaN"), ("31,15", "121,36"), ("0", "0")]);
                    form.RemoveAll(p => p.Key is "lat" or "long");
                    form.Add(new("lat", lat));
                    form.Add(new("long", lon));
                    break;
            }
        }

        var format = random.Next(10) switch
        {
            < 6 => "json",
            < 8 => "xml",
            _ => Pick(random, RouteValues),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Open311Client.Base}/requests.{format}" + (random.Next(8) == 0 ? Pick(random, RawQueries) : ""))
        {
            Content = random.Next(12) switch
            {
                < 7 => FormBody(random, form),
                7 => Multipart(random, form, "media"),
                8 => Json(new JsonObject([.. form.DistinctBy(p => p.Key).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))])),
                9 => new StringContent(new XElement("service_request", form.Where(p => p.Key.Length > 0 && XmlConvert(p.Key)).Select(p => new XElement(p.Key, Xml(p.Value)))).ToString(), Encoding.UTF8, "application/xml"),
                10 => Raw(random.Next(2) == 0 ? RandomBytes(random, random.Next(1, 4000)) : Encoding.UTF8.GetBytes(string.Join('&', Enumerable.Range(0, 1100).Select(k => $"k{k}=v")))),
                _ => Raw(Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{p.Key}={p.Value}")))),
            },
        };
        if (random.Next(3) == 0)
        {
            SetType(request.Content!, Pick(random, [.. ContentTypes, "application/x-www-form-urlencoded; charset=utf-16"]));
        }
        else if (request.Content!.Headers.ContentType is null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        if (random.Next(6) == 0)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(random, ["fuzz-" + random.Next(5), new string('k', 200), "名字", " ", "a\tb"]));
        }

        return request;
    }

    private static HttpRequestMessage PortalReport(Random random, Known known)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("categoryCode", "S0102"), new("description", "模糊测试 垃圾桶满了 " + random.Next(1_000_000)),
            new("latitude", known.At.Lat.ToString("R", CultureInfo.InvariantCulture)), new("longitude", known.At.Lon.ToString("R", CultureInfo.InvariantCulture)),
            new("name", "陈先生"), new("phone", "13812345678"), new("address", "春晖路 12 号"),
        };
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var i = random.Next(form.Count);
            switch (random.Next(4))
            {
                case 0:
                    form.RemoveAt(i);
                    break;
                case 1:
                    form.Add(new(form[i].Key, Pick(random, Hostile)));
                    break;
                case 2:
                    form[i] = new(form[i].Key, Pick(random, Hostile));
                    break;
                default:
                    form.Add(new(Pick(random, ["photo", "extra", "", "名", "categoryCode[]"]), Pick(random, Hostile)));
                    break;
            }
        }

        HttpContent content = random.Next(10) switch
        {
            < 7 => Multipart(random, form, "photo"),
            7 => FormBody(random, form),
            8 => Json(new JsonObject([.. form.DistinctBy(p => p.Key).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))])),
            _ => Raw(RandomBytes(random, random.Next(0, 3000))),
        };
        if (random.Next(5) == 0)
        {
            SetType(content, Pick(random, ContentTypes));
        }

        return new HttpRequestMessage(HttpMethod.Post, "/api/portal/reports") { Content = content };
    }

    /// <summary>A valid JSON body mutated: fields dropped, retyped, hostile, nested deep; or the text truncated, garbled, not UTF-8.</summary>
    private static HttpRequestMessage JsonRequest(Random random, string path, JsonObject valid)
    {
        var names = valid.Select(p => p.Key).ToList();
        for (var n = random.Next(0, 4); n > 0; n--)
        {
            var name = Pick(random, names);
            switch (random.Next(5))
            {
                case 0:
                    valid.Remove(name);
                    break;
                case 1:
                    valid[name] = Pick<JsonNode?>(random, [null, 0, -1, long.MaxValue, 1e308, true, new JsonArray(1, "x"), new JsonObject { ["a"] = 1 }, (JsonNode)"", (JsonNode)" "]);
                    break;
                case 2:
                    valid[name] = Pick(random, Hostile);
                    break;
                case 3:
                    valid[Pick(random, ["extra", "$type", "__proto__", "", name.ToUpperInvariant()])] = Pick(random, Hostile);
                    break;
                default:
                    JsonNode deep = "x";
                    for (var d = random.Next(10, 200); d > 0; d--)
                    {
                        deep = new JsonArray(deep);
                    }

                    valid[name] = deep;
                    break;
            }
        }

        var text = valid.ToJsonString();
        byte[]? bytes = null;
        switch (random.Next(12))
        {
            case 0:
                text = text[..random.Next(text.Length)];
                break;
            case 1:
            {
                var garbled = new StringBuilder(text);
                garbled[random.Next(garbled.Length)] = "{}[],:\"\\x\0"[random.Next(10)];
                text = garbled.ToString();
                break;
            }

            case 2:
                text = new string('[', 5000) + new string(']', 5000);
                break;
            case 3:
                text = Pick(random, ["", "null", "[]", "\"x\"", "1e400", "{\"a\":1,\"a\":2}", "{\"userName\":\"\\ud800\",\"password\":\"\\u0000\"}", "{\"trackingCode\":\"\\udfff\\ud800\"}", "\uFEFF{}"]);
                break;
            case 4:
                bytes = [.. Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), 0xC3, 0x28, 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(text[(text.Length / 2)..])];
                break;
        }

        var content = bytes is null ? (HttpContent)new StringContent(text, Encoding.UTF8, "application/json") : Raw(bytes);
        SetType(content, random.Next(10) == 0 ? Pick(random, ContentTypes) : "application/json");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    /// <summary>Any other public endpoint: hostile route values and query strings, and for writes a random body.</summary>
    private static HttpRequestMessage Generic(Target target, Random random, Known known)
    {
        var path = RouteParameter().Replace(target.Route, m => m.Groups["name"].Value switch
        {
            "serviceRequestId" or "number" when random.Next(3) == 0 => random.Next(2) == 0 ? known.ServiceRequestId : known.PortalNumber,
            "format" when random.Next(2) == 0 => Pick(random, ["json", "xml"]),
            _ => Pick(random, RouteValues),
        });
        path += random.Next(4) == 0 ? "" : Pick(random, RawQueries);
        if (target.Route.Contains("/cases/{number}", StringComparison.Ordinal) && random.Next(3) == 0)
        {
            path = $"/api/portal/cases/{known.PortalNumber}?code={Pick(random, [known.PortalCode, known.PortalCode.ToLowerInvariant(), .. RouteValues])}";
        }

        var request = new HttpRequestMessage(new HttpMethod(target.Method), path);
        if (target.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = random.Next(2) == 0 ? Raw(RandomBytes(random, random.Next(0, 2000))) : Typed(new StringContent(Pick(random, Hostile), Encoding.UTF8), Pick(random, ContentTypes));
        }

        if (random.Next(4) == 0)
        {
            request.Headers.TryAddWithoutValidation(Pick(random, ["Accept", "Accept-Language", "Cookie", "If-None-Match", "Range"]), Pick(random, ["*/*;q=x", "zz-ZZ,;q=", ".AspNetCore.Identity.Application=garbage", "\"x", "bytes=9-1", "名"]));
        }

        return request;
    }

    // ---- bodies ----

    /// <summary>Form encoding by hand: broken percent-escapes and raw bytes are the point, so nothing may normalise them.</summary>
    private static ByteArrayContent FormBody(Random random, List<KeyValuePair<string, string>> form)
    {
        var text = string.Join('&', form.Select(p => Escape(p.Key) + "=" + Escape(p.Value)));
        if (random.Next(5) == 0)
        {
            var at = random.Next(text.Length + 1);
            text = text[..at] + Pick(random, ["%", "%G1", "%E4%B8", "%FF%FE", "&&", "==", "+%2", "%00", "&=&"]) + text[at..];
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(10) == 0)
        {
            bytes = [.. bytes, 0xFF, 0xC3, 0x28];
        }

        return Raw(bytes, "application/x-www-form-urlencoded");
    }

    private static string Escape(string text)
    {
        try
        {
            return Uri.EscapeDataString(text);
        }
        catch (UriFormatException)
        {
            // A lone surrogate cannot be escaped: sent as it is (its UTF-8 replacement), which is what a broken client does.
            return text;
        }
    }

    private static HttpContent Multipart(Random random, List<KeyValuePair<string, string>> form, string fileField)
    {
        var multipart = new MultipartFormDataContent("fuzz-" + random.Next(1000));
        foreach (var (name, value) in form)
        {
            AddPart(multipart, new StringContent(value), name);
        }

        switch (random.Next(6))
        {
            case 0:
                AddPart(multipart, new ByteArrayContent(PortalCitizen.Png), fileField, Pick(random, ["photo.png", "../../etc/passwd", "", "名.png", "a\u0000b.png", new string('p', 300) + ".png"]));
                break;
            case 1:
                AddPart(multipart, new ByteArrayContent(RandomBytes(random, random.Next(0, 3000))), Pick(random, [fileField, "other", ""]), Pick(random, ["x.exe", "photo.png", "x.svg"]));
                break;
            case 2:
                multipart.Add(new ByteArrayContent([.. PortalCitizen.Png, .. new byte[CaseAppSetup.AttachmentLimit]]), fileField, "big.png");
                break;
            case 3:
                multipart.Add(new ByteArrayContent(PortalCitizen.Png), fileField, "a.png");
                multipart.Add(new ByteArrayContent(PortalCitizen.Png), fileField, "b.png");
                break;
            case 4:
                var part = new ByteArrayContent(Encoding.UTF8.GetBytes("<svg onload=alert(1)/>"));
                part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                multipart.Add(part, fileField, "photo.png");
                break;
        }

        if (random.Next(5) != 0)
        {
            return multipart;
        }

        // Broken on the wire: truncated, the boundary lost or mangled.
        var bytes = multipart.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var type = multipart.Headers.ContentType!.ToString();
        multipart.Dispose();
        var broken = random.Next(3) switch
        {
            0 => bytes[..random.Next(bytes.Length)],
            1 => [.. bytes.Select(b => b == (byte)'-' && random.Next(4) == 0 ? (byte)'_' : b)],
            _ => [.. Encoding.UTF8.GetBytes("--fuzz\r\nContent-Disposition: form-data; name=\"x\r\n\r\n"), .. RandomBytes(random, 300)],
        };
        return Raw(broken, type);
    }

    /// <summary>A part with any name and file name, blank ones too (which MultipartFormDataContent.Add refuses).</summary>
    private static void AddPart(MultipartFormDataContent multipart, HttpContent part, string name, string? fileName = null)
    {
        var disposition = $"form-data; name=\"{name}\"" + (fileName is null ? "" : $"; filename=\"{fileName}\"");
        part.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
        multipart.Add(part);
    }

    private static void SetType(HttpContent content, string type)
    {
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", type);
    }

    private static HttpContent Typed(HttpContent content, string type)
    {
        SetType(content, type);
        return content;
    }

    private static ByteArrayContent Raw(byte[] bytes, string? type = null)
    {
        var content = new ByteArrayContent(bytes);
        if (type is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        return content;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Garble(Random random, string text) => random.Next(4) switch
    {
        0 => text,
        1 => text[..random.Next(text.Length)],
        2 => string.Concat(text.Select(c => random.Next(30) == 0 ? (char)random.Next(32, 127) : c)),
        _ => Pick(random, Hostile),
    };

    private static bool XmlConvert(string name)
    {
        try
        {
            System.Xml.XmlConvert.VerifyName(name);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>Text an XML document can hold (the hostile strings with control characters and lone surrogates cannot).</summary>
    private static string Xml(string value) => string.Concat(value.Where(c => System.Xml.XmlConvert.IsXmlChar(c)));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Describe(HttpRequestMessage request)
    {
        var body = request.Content is null ? "" : Encoding.UTF8.GetString(request.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        return Truncated($"{request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}] {body}");
    }

    private static string Truncated(string text) => text.Length <= 400 ? text : text[..400] + "…";

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraint>[^}]*)\}")]
    private static partial Regex RouteParameter();
}
