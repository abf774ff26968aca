using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tongguan.Cases.Open311;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Open311;

/// <summary>
/// The GeoReport v2 surface over HTTP on a real database, checked field by field against the shape of the spec's
/// own examples in JSON and XML: services, service definitions, POST (through the one-door intake), GET requests,
/// GET one request, tokens; the spec's errors for bad input; api keys managed by admins; idempotent retries; the
/// rate limit.
/// </summary>
public abstract class Open311Tests<TApp>
    where TApp : TongguanApp, ICaseApp
{
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"];
    private static readonly string[] PostFields = ["service_request_id", "token", "service_notice", "account_id"];
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private const string Phone = "13912345678";
    private const string Email = "chen.ming@example.org";

    private readonly TApp app;
    private readonly HttpClient _client;

    protected Open311Tests(TApp app)
    {
        this.app = app;
        _client = app.CreateAnonymousClient();

        // Each test starts beyond the duplicate window of the reports earlier tests made at the same places.
        app.Clock.Advance(TimeSpan.FromDays(4));
    }

    private (double Lat, double Lon) Cell(string community, int index = 0) => app.At(app.Reference().GridCellsOf(community)[index].Id);

    private static List<KeyValuePair<string, string>> Form(string apiKey, string serviceCode, (double Lat, double Lon)? at, string description, params (string Name, string Value)[] more)
    {
        var form = new List<KeyValuePair<string, string>> { new("api_key", apiKey), new("service_code", serviceCode), new("description", description) };
        if (at is { } point)
        {
            form.Add(new("lat", point.Lat.ToString(CultureInfo.InvariantCulture)));
            form.Add(new("long", point.Lon.ToString(CultureInfo.InvariantCulture)));
        }

        form.AddRange(more.Select(m => new KeyValuePair<string, string>(m.Name, m.Value)));
        return form;
    }

    private static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<JsonObject> PostJsonAsync(List<KeyValuePair<string, string>> form)
    {
        var answer = (await (await _client.PostRequestAsync("json", form)).Open311JsonAsync(HttpStatusCode.Created)).AsArray();
        return Assert.Single(answer)!.AsObject();
    }

    [Fact]
    public async Task Services_ListEveryLeafCategory_FieldByField_InJsonAndXml()
    {
        var json = (await (await _client.GetAsync($"{Open311Client.Base}/services.json")).Open311JsonAsync(HttpStatusCode.OK)).AsArray();
        var xml = await (await _client.GetAsync($"{Open311Client.Base}/services.xml?jurisdiction_id=tongguan")).Open311XmlAsync(HttpStatusCode.OK);

        Assert.Equal(app.Reference().Categories.Count, json.Count);
        Assert.All(json, s => Assert.Equal(ServiceFields, s!.AsObject().Select(p => p.Key)));
        var manhole = json.Single(s => (string?)s!["service_code"] == "B0101")!;
        Assert.Equal("上水井盖", (string?)manhole["service_name"]);
        Assert.Contains("Water supply manhole cover", (string?)manhole["description"], StringComparison.Ordinal);
        Assert.True((bool)manhole["metadata"]!);
        Assert.Equal("realtime", (string?)manhole["type"]);
        Assert.Equal("公用设施", (string?)manhole["group"]);
        Assert.Contains("上水井盖", ((string)manhole["keywords"]!).Split(", "));
        Assert.False((bool)json.Single(s => (string?)s!["service_code"] == "S0401")!["metadata"]!);

        Assert.Equal("services", xml.Name.LocalName);
        Assert.Equal(json.Count, xml.Elements("service").Count());
        Assert.All(xml.Elements("service"), s => Assert.Equal(ServiceFields, s.FieldNames()));
        var xmlManhole = xml.Elements("service").Single(s => (string?)s.Element("service_code") == "B0101");
        Assert.Equal("true", (string?)xmlManhole.Element("metadata"));
        Assert.Equal("公用设施", (string?)xmlManhole.Element("group"));
    }

    [Fact]
    public void AttributeData_FitTheReferenceData_AndDataThatDoNotFitAreRefused()
    {
        var bad = new Dictionary<string, IReadOnlyList<AttributeDefinition>>(StringComparer.Ordinal)
        {
            ["X99"] = [new("A", AttributeDatatype.SingleLine, false, new("甲", "a"), [])],
            ["S01"] = [new("ONGOING", AttributeDatatype.SingleValueList, false, new("乙", "b"), [])],
            ["S0101"] = [new("ONGOING", AttributeDatatype.Number, false, new("丙", "c"), [])],
        };

        var problems = Open311ServiceCatalog.Check(app.Reference(), bad);

        Assert.Empty(Open311ServiceCatalog.Check(app.Reference(), ServiceAttributeData.Default));
        Assert.Contains("'X99' is neither a category nor a major category of the reference data.", problems);
        Assert.Contains("S01/ONGOING: list datatypes need values, and only they have values.", problems);
        Assert.Contains("S0101: attribute codes repeat between the category and its major.", problems);
        Assert.Throws<InvalidOperationException>(() => new Open311ServiceCatalog(app.Reference(), bad));
    }

    [Fact]
    public async Task ServiceDefinition_ListsTheAttributes_FieldByField_InJsonAndXml()
    {
        var json = (await (await _client.GetAsync($"{Open311Client.Base}/services/B0101.json")).Open311JsonAsync(HttpStatusCode.OK)).AsObject();
        var xml = await (await _client.GetAsync($"{Open311Client.Base}/services/B0101.xml")).Open311XmlAsync(HttpStatusCode.OK);
        var unknown = await _client.GetAsync($"{Open311Client.Base}/services/X9999.json");

        Assert.Equal(["service_code", "attributes"], json.Select(p => p.Key));
        Assert.Equal("B0101", (string?)json["service_code"]);
        var attribute = Assert.Single(json["attributes"]!.AsArray())!.AsObject();
        Assert.Equal(AttributeFields, attribute.Select(p => p.Key));
        Assert.True((bool)attribute["variable"]!);
        Assert.Equal("CONDITION", (string?)attribute["code"]);
        Assert.Equal("singlevaluelist", (string?)attribute["datatype"]);
        Assert.True((bool)attribute["required"]!);
        Assert.Null(attribute["datatype_description"]);
        Assert.Equal(1, (int)attribute["order"]!);
        Assert.Equal(["missing", "damaged", "displaced", "other"], attribute["values"]!.AsArray().Select(v => (string)v!["key"]!));
        Assert.All(attribute["values"]!.AsArray(), v => Assert.Equal(["key", "name"], v!.AsObject().Select(p => p.Key)));

        Assert.Equal("service_definition", xml.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], xml.FieldNames());
        var xmlAttribute = Assert.Single(xml.Element("attributes")!.Elements("attribute"));
        Assert.Equal(AttributeFields, xmlAttribute.FieldNames());
        Assert.Equal("", (string?)xmlAttribute.Element("datatype_description"));
        Assert.Equal(4, xmlAttribute.Element("values")!.Elements("value").Count());
        Assert.Equal(["key", "name"], xmlAttribute.Element("values")!.Elements("value").First().FieldNames());

        var error = Assert.Single(await unknown.Open311ErrorsAsync(HttpStatusCode.NotFound));
        Assert.Equal(404, error.Code);
        Assert.Contains("X9999", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FilesACase_AndGetRequestShowsIt_FieldByField_WithoutPersonalData()
    {
        var key = await app.CreateKeyAsync();
        var at = Cell("D01-S01-C01", 1);
        var routing = app.Reference().Route("S0102", app.Reference().LocateGridCell(at.Lat, at.Lon)!.Id);
        var description = Unique("春晖路88号垃圾桶满了，垃圾溢出到人行道上");
        var postedAt = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        var posted = await PostJsonAsync(Form(key, "S0102", at, description,
            ("first_name", "明"), ("last_name", "陈"), ("phone", Phone), ("email", Email), ("device_id", "tt222111"), ("account_id", "123456"), ("address_string", "春晖路88号")));

        Assert.Equal(PostFields, posted.Select(p => p.Key));
        var number = (string)posted["service_request_id"]!;
        Assert.StartsWith("TG-", number, StringComparison.Ordinal);
        Assert.Contains("Filed", (string?)posted["service_notice"], StringComparison.Ordinal);
        Assert.Null(posted["account_id"]);

        var detail = await app.CreateClient("wang.fang").CaseAsync(number);
        Assert.Equal("CitizenApp", (string?)detail["case"]!["channel"]);
        Assert.Equal("明 陈", (string?)detail["reports"]![0]!["reporterName"]);
        var accept = await app.CreateClient("wang.fang").OpenTaskAsync(number, "accept");

        var response = await _client.GetAsync($"{Open311Client.Base}/requests/{number}.json");
        var raw = await response.Content.ReadAsStringAsync();
        var request = Assert.Single((await response.Open311JsonAsync(HttpStatusCode.OK)).AsArray())!.AsObject();
        Assert.Equal(RequestFields, request.Select(p => p.Key));
        Assert.Equal(number, (string?)request["service_request_id"]);
        Assert.Equal("open", (string?)request["status"]);
        var unit = app.Reference().FindOrgUnit(routing.Unit.Id)!;
        Assert.Equal($"已派遣至{unit.Names.Zh}处理，等待签收。 / Sent to {unit.Names.En}; waiting for it to accept.", (string?)request["status_notes"]);
        Assert.Equal(unit.Names.Zh, (string?)request["agency_responsible"]);
        Assert.Equal("垃圾满溢", (string?)request["service_name"]);
        Assert.Equal("S0102", (string?)request["service_code"]);
        Assert.Equal(description, (string?)request["description"]);
        Assert.Contains("working", (string?)request["service_notice"], StringComparison.Ordinal);
        Assert.Equal(postedAt, (string?)request["requested_datetime"]);
        Assert.Equal((DateTimeOffset)accept["dueAt"]!, DateTimeOffset.Parse((string)request["expected_datetime"]!, CultureInfo.InvariantCulture));
        Assert.Equal("春晖路88号", (string?)request["address"]);
        Assert.Equal(app.Reference().LocateGridCell(at.Lat, at.Lon)!.Id, (string?)request["address_id"]);
        Assert.Null(request["zipcode"]);
        Assert.Equal(at.Lat, (double)request["lat"]!);
        Assert.Equal(at.Lon, (double)request["long"]!);
        Assert.Null(request["media_url"]);
        Assert.DoesNotContain(Phone, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("陈", raw, StringComparison.Ordinal);

        var xml = await (await _client.GetAsync($"{Open311Client.Base}/requests/{number}.xml")).Open311XmlAsync(HttpStatusCode.OK);
        Assert.Equal("service_requests", xml.Name.LocalName);
        var xmlRequest = Assert.Single(xml.Elements("request"));
        Assert.Equal(RequestFields, xmlRequest.FieldNames());
        Assert.Equal("open", (string?)xmlRequest.Element("status"));
        Assert.Equal("", (string?)xmlRequest.Element("zipcode"));
        Assert.Equal(at.Lat, double.Parse((string)xmlRequest.Element("lat")!, CultureInfo.InvariantCulture));

        var token = (string)posted["token"]!;
        var fromToken = Assert.Single((await (await _client.GetAsync($"{Open311Client.Base}/tokens/{token}.json")).Open311JsonAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.Equal(["service_request_id", "token"], fromToken.AsObject().Select(p => p.Key));
        Assert.Equal(number, (string?)fromToken["service_request_id"]);
        var xmlToken = await (await _client.GetAsync($"{Open311Client.Base}/tokens/{token}.xml")).Open311XmlAsync(HttpStatusCode.OK);
        Assert.Equal(number, (string?)xmlToken.Element("request")!.Element("service_request_id"));
        await (await _client.GetAsync($"{Open311Client.Base}/tokens/NOSUCHTOKEN.json")).Open311ErrorsAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PostXml_WithAttributesAndMediaUrl_AnswersInXml_AndTheCaseCarriesThem()
    {
        var key = await app.CreateKeyAsync();
        var description = Unique("湖滨路上水井盖破了一个洞");
        var form = Form(key, "B0101", Cell("D01-S01-C02"), description, ("attribute[CONDITION]", "damaged"), ("media_url", "https://photos.example.org/p/1.jpg"));

        var xml = await (await _client.PostRequestAsync("xml", form)).Open311XmlAsync(HttpStatusCode.Created);

        Assert.Equal("service_requests", xml.Name.LocalName);
        var request = Assert.Single(xml.Elements("request"));
        Assert.Equal(PostFields, request.FieldNames());
        Assert.Equal("", (string?)request.Element("account_id"));
        var number = (string)request.Element("service_request_id")!;
        var detail = await app.CreateClient("wang.fang").CaseAsync(number);
        Assert.Equal($"{description}\n设施现状 破损", (string?)detail["case"]!["description"]);
        var shown = await (await _client.GetAsync($"{Open311Client.Base}/requests.xml?service_request_id={number}")).Open311XmlAsync(HttpStatusCode.OK);
        Assert.Equal("https://photos.example.org/p/1.jpg", (string?)shown.Element("request")!.Element("media_url"));

        var missing = await _client.PostRequestAsync("json", Form(key, "B0101", Cell("D01-S01-C02"), Unique("井盖")));
        var wrong = await _client.PostRequestAsync("json", Form(key, "B0101", Cell("D01-S01-C02"), Unique("井盖"), ("attribute[CONDITION]", "stolen"), ("attribute[NOPE]", "1")));
        Assert.Contains((await missing.Open311ErrorsAsync(HttpStatusCode.BadRequest)), e => e.Description.Contains("attribute[CONDITION] is required", StringComparison.Ordinal));
        var wrongErrors = await wrong.Open311ErrorsAsync(HttpStatusCode.BadRequest);
        Assert.Contains(wrongErrors, e => e.Description.Contains("'stolen' is not one of", StringComparison.Ordinal));
        Assert.Contains(wrongErrors, e => e.Description.Contains("attribute[NOPE]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostWithUploadedMedia_StoresItAsTheCasesAttachment_AndRefusesOversizeOrWrongType()
    {
        var key = await app.CreateKeyAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];
        byte[] huge = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[CaseAppSetup.AttachmentLimit]];
        var at = Cell("D01-S02-C01");

        var posted = Assert.Single((await (await _client.PostMultipartAsync(Form(key, "S0103", at, Unique("江畔路人行道很脏")), png, "photo.png"))
            .Open311JsonAsync(HttpStatusCode.Created)).AsArray())!;
        var tooLarge = await _client.PostMultipartAsync(Form(key, "S0103", at, Unique("江畔路人行道很脏")), huge, "big.png");
        var script = await _client.PostMultipartAsync(Form(key, "S0103", at, Unique("江畔路人行道很脏")), "<html><script>alert(1)</script></html>"u8.ToArray(), "x.png");

        var number = (string)posted["service_request_id"]!;
        var attachment = Assert.Single((await app.CreateClient("wang.fang").CaseAsync(number))["attachments"]!.AsArray())!;
        Assert.Equal("image/png", (string?)attachment["contentType"]);
        var request = Assert.Single((await (await _client.GetAsync($"{Open311Client.Base}/requests/{number}.json")).Open311JsonAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.EndsWith($"/api/cases/{number}/attachments/{attachment["id"]}", (string?)request["media_url"], StringComparison.Ordinal);
        Assert.Equal(413, Assert.Single(await tooLarge.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Code);
        Assert.Equal(415, Assert.Single(await script.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Code);
    }

    [Fact]
    public async Task Post_AnswersTheSpecsErrors_ForBadInput()
    {
        var key = await app.CreateKeyAsync();
        var at = Cell("D01-S02-C02");

        var noCode = await _client.PostRequestAsync("json", Form(key, "", at, "路面坑洼"));
        var unknownCode = await _client.PostRequestAsync("json", Form(key, "Z0101", at, "路面坑洼"));
        var notNumbers = await _client.PostRequestAsync("json", [.. Form(key, "S0103", null, "路面很脏"), new("lat", "north"), new("long", "121.4")]);
        var outside = await _client.PostRequestAsync("json", Form(key, "S0103", (0, 0), "路面很脏"));
        var noLocation = await _client.PostRequestAsync("json", Form(key, "S0103", null, "路面很脏"));
        var unknownPlace = await _client.PostRequestAsync("json", Form(key, "S0103", null, "路面很脏", ("address_string", "火星基地1号")));
        var html = await _client.PostRequestAsync("json", Form(key, "S0103", at, "<script>alert(1)</script>"));
        var unknownJurisdiction = await _client.PostRequestAsync("xml", Form(key, "S0103", at, "路面很脏", ("jurisdiction_id", "sfgov.org")));
        var badKey = await _client.PostRequestAsync("json", Form("o311_not-a-key", "S0103", at, "路面很脏"));
        var noKey = await _client.PostRequestAsync("json", Form(key, "S0103", at, "路面很脏").Where(f => f.Key != "api_key"));
        var badFormat = await _client.GetAsync($"{Open311Client.Base}/services.yaml");

        Assert.Contains("service_code was not provided", Assert.Single(await noCode.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        Assert.Equal(404, Assert.Single(await unknownCode.Open311ErrorsAsync(HttpStatusCode.NotFound)).Code);
        Assert.Contains("decimal degrees", Assert.Single(await notNumbers.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        Assert.Contains("outside the city", Assert.Single(await outside.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        Assert.Contains("A location is required", Assert.Single(await noLocation.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        Assert.Contains("send lat and long", Assert.Single(await unknownPlace.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        Assert.StartsWith("description:", Assert.Single(await html.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        var jurisdictionError = await unknownJurisdiction.Open311XmlAsync(HttpStatusCode.NotFound);
        Assert.Equal("errors", jurisdictionError.Name.LocalName);
        Assert.Equal(["code", "description"], Assert.Single(jurisdictionError.Elements("error")).FieldNames());
        Assert.Equal("404", (string?)jurisdictionError.Element("error")!.Element("code"));
        Assert.Equal("Invalid api_key received -- can't proceed with create_request.", Assert.Single(await badKey.Open311ErrorsAsync(HttpStatusCode.Forbidden)).Description);
        Assert.Equal(403, Assert.Single(await noKey.Open311ErrorsAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("errors", (await badFormat.Open311XmlAsync(HttpStatusCode.BadRequest)).Name.LocalName);
        Assert.Equal(404, Assert.Single(await (await _client.GetAsync($"{Open311Client.Base}/services.json?jurisdiction_id=nowhere")).Open311ErrorsAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal(404, Assert.Single(await (await _client.GetAsync($"{Open311Client.Base}/requests/TG-20260101-0000000000.json")).Open311ErrorsAsync(HttpStatusCode.NotFound)).Code);
    }

    [Fact]
    public async Task Post_PlacesAnAddressWithoutCoordinates_AtItsCommunity()
    {
        var key = await app.CreateKeyAsync();
        var community = app.Reference().FindOrgUnit("D01-S03-C01")!;

        var posted = await PostJsonAsync(Form(key, "S0501", null, Unique("门口有人占道摆摊"), ("address_string", $"梅园街道{community.Names.Zh}梅林路12号")));

        var request = Assert.Single((await (await _client.GetAsync($"{Open311Client.Base}/requests/{posted["service_request_id"]}.json")).Open311JsonAsync(HttpStatusCode.OK)).AsArray())!;
        var first = app.Reference().GridCellsOf(community.Id)[0];
        Assert.Equal(first.Centroid.Lat, (double)request["lat"]!);
        Assert.Equal(first.Centroid.Lon, (double)request["long"]!);
        Assert.Equal(first.Id, (string?)request["address_id"]);
        Assert.Equal($"梅园街道{community.Names.Zh}梅林路12号", (string?)request["address"]);
    }

    [Fact]
    public async Task Post_SameReportTwice_WithIdempotencyKey_AnswersTheFirstCase_AndADuplicateJoinsIt()
    {
        var key = await app.CreateKeyAsync();
        var at = Cell("D02-S01-C01");
        var form = Form(key, "S0102", at, "松风路垃圾桶满溢，臭味很大", ("phone", Phone));

        var first = await _client.PostRequestAsync("json", form, "retry-1");
        var retry = await _client.PostRequestAsync("json", form, "retry-1");
        var duplicate = await _client.PostRequestAsync("json", form);

        var number = (string)Assert.Single((await first.Open311JsonAsync(HttpStatusCode.Created)).AsArray())!["service_request_id"]!;
        Assert.Equal(number, (string?)Assert.Single((await retry.Open311JsonAsync(HttpStatusCode.OK)).AsArray())!["service_request_id"]);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var merged = Assert.Single((await duplicate.Open311JsonAsync(HttpStatusCode.Created)).AsArray())!;
        Assert.Equal(number, (string?)merged["service_request_id"]);
        Assert.Contains("joined", (string?)merged["service_notice"], StringComparison.Ordinal);
        Assert.Equal(2, (int)(await app.CreateClient("wang.fang").CaseAsync(number))["case"]!["reportCount"]!);
    }

    [Fact]
    public async Task GetRequests_FiltersByIdServiceCodeStatusAndDates_InJsonAndXml()
    {
        var key = await app.CreateKeyAsync();
        var since = app.Clock.GetUtcNow();
        var garbage = (string)(await PostJsonAsync(Form(key, "S0102", Cell("D02-S02-C01"), Unique("枫丹路垃圾满溢"))))["service_request_id"]!;
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var parking = (string)(await PostJsonAsync(Form(key, "S0502", Cell("D02-S02-C02"), Unique("晓园路机动车乱停放"))))["service_request_id"]!;
        string W3(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));
        async Task<List<string>> IdsAsync(string query) =>
            [.. (await (await _client.GetAsync($"{Open311Client.Base}/requests.json?{query}")).Open311JsonAsync(HttpStatusCode.OK)).AsArray().Select(r => (string)r!["service_request_id"]!)];

        var recent = await IdsAsync($"start_date={W3(since)}");
        var byCode = await IdsAsync($"service_code=S0502&start_date={W3(since)}");
        var open = await IdsAsync($"status=open&start_date={W3(since)}");
        var closed = await IdsAsync($"status=closed&start_date={W3(since)}");
        var byIds = await IdsAsync($"service_request_id={garbage},{parking}&service_code=B0101");
        var before = await IdsAsync($"end_date={W3(since.AddMinutes(5))}&start_date={W3(since.AddMinutes(-5))}");
        var paged = await IdsAsync($"start_date={W3(since)}&page_size=1&page=2");
        var xml = await (await _client.GetAsync($"{Open311Client.Base}/requests.xml?start_date={W3(since)}")).Open311XmlAsync(HttpStatusCode.OK);
        var tooLong = await _client.GetAsync($"{Open311Client.Base}/requests.json?start_date={W3(since.AddDays(-100))}&end_date={W3(since)}");
        var badStatus = await _client.GetAsync($"{Open311Client.Base}/requests.json?status=pending&start_date=yesterday");

        Assert.Equal([parking, garbage], recent);
        Assert.Equal([parking], byCode);
        Assert.Equal([parking, garbage], open);
        Assert.Empty(closed);
        Assert.Equal([parking, garbage], byIds);
        Assert.Equal([garbage], before);
        Assert.Equal([garbage], paged);
        Assert.Equal([parking, garbage], xml.Elements("request").Select(r => (string)r.Element("service_request_id")!));
        Assert.All(xml.Elements("request"), r => Assert.Equal(RequestFields, r.FieldNames()));
        Assert.Contains("90 days", Assert.Single(await tooLong.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Description, StringComparison.Ordinal);
        Assert.Equal(2, (await badStatus.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Count);
    }

    [Fact]
    public async Task ApiKeys_AreManagedByAdminsOnly_ShownOnce_AndRevokedKeysAreRefused()
    {
        var admin = app.CreateClient("admin");
        var officer = await app.CreateClient("wang.fang").PostAsJsonAsync("/api/admin/open311-keys", new { name = "随手拍" });
        var noName = await admin.PostAsJsonAsync("/api/admin/open311-keys", new { name = " " });
        var created = await (await admin.PostAsJsonAsync("/api/admin/open311-keys", new { name = "随手拍 app" })).JsonAsync(HttpStatusCode.Created);
        var key = (string)created["key"]!;

        var list = (await (await admin.GetAsync("/api/admin/open311-keys")).Content.ReadFromJsonAsync<JsonArray>())!;
        var listed = list.Single(k => (string?)k!["id"] == (string?)created["id"])!.AsObject();
        var accepted = await _client.PostRequestAsync("json", Form(key, "S0103", Cell("D03-S01-C01"), Unique("海港路道路不洁")));
        var revoked = await (await admin.PostAsync($"/api/admin/open311-keys/{created["id"]}/revoke", null)).JsonAsync(HttpStatusCode.OK);
        var refused = await _client.PostRequestAsync("json", Form(key, "S0103", Cell("D03-S01-C01"), Unique("海港路道路不洁")));

        await officer.ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.CreateClient("wang.fang").GetAsync("/api/admin/open311-keys")).ProblemAsync(HttpStatusCode.Forbidden);
        await noName.ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostAsync($"/api/admin/open311-keys/{Guid.NewGuid()}/revoke", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.StartsWith("o311_", key, StringComparison.Ordinal);
        Assert.Equal("admin", (string?)created["createdBy"]);
        Assert.Equal(["id", "name", "createdAt", "createdBy", "revokedAt"], listed.Select(p => p.Key));
        Assert.DoesNotContain(key, list.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.NotNull(revoked["revokedAt"]);
        Assert.Equal(403, Assert.Single(await refused.Open311ErrorsAsync(HttpStatusCode.Forbidden)).Code);
    }

    [Fact]
    public async Task Post_BeyondTheRateLimit_IsAnswered429_InTheSpecsErrorFormat()
    {
        var key = await app.CreateKeyAsync();
        var other = await app.CreateKeyAsync("another client");
        var form = Form(key, "", Cell("D03-S02-C01"), "x");

        for (var i = 0; i < Open311AppSetup.PostsPerMinute; i++)
        {
            await (await _client.PostRequestAsync("json", form)).Open311ErrorsAsync(HttpStatusCode.BadRequest);
        }

        var limited = await _client.PostRequestAsync("json", form);
        var limitedXml = await _client.PostRequestAsync("xml", form);
        var otherKey = await _client.PostRequestAsync("json", Form(other, "", Cell("D03-S02-C01"), "x"));

        Assert.Contains("Too many", Assert.Single(await limited.Open311ErrorsAsync(HttpStatusCode.TooManyRequests)).Description, StringComparison.Ordinal);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal("429", (string?)(await limitedXml.Open311XmlAsync(HttpStatusCode.TooManyRequests)).Element("error")!.Element("code"));
        Assert.Equal(400, Assert.Single(await otherKey.Open311ErrorsAsync(HttpStatusCode.BadRequest)).Code);
    }
}

public sealed class SqliteOpen311Tests(SqliteOpen311App app) : Open311Tests<SqliteOpen311App>(app), IClassFixture<SqliteOpen311App>;

public sealed class PostgreSqlOpen311Tests(PostgreSqlOpen311App app) : Open311Tests<PostgreSqlOpen311App>(app), IClassFixture<PostgreSqlOpen311App>;
