using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using MiniExcelLibs;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Reports;

/// <summary>The SLA reports over a small known history: values, exports, the event log, jobs and bad parameters.</summary>
public abstract class SlaReportsTests<TApp>(SlaHistory<TApp> history)
    where TApp : TongguanApp, ICaseApp, new()
{
    private readonly HttpClient _client = history.Client();

    private async Task<JsonObject> GetJsonAsync(string url) => await (await _client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);

    private static JsonObject Row(JsonObject report, string kpi) =>
        report["rows"]!.AsArray().Single(r => (string?)r!["kpi"] == kpi)!.AsObject();

    [Fact]
    public async Task Kpis_CountTheHistory_WithNumeratorsDenominatorsAndDefinitions()
    {
        var report = await GetJsonAsync($"/api/sla/kpis?by=department&{history.Window}");

        Assert.All(report["rows"]!.AsArray(), r => Assert.Equal(history.Unit, (string?)r!["department"]));
        Assert.Equal((2, 2), Ratio(Row(report, "responseRate")));
        Assert.Equal((2, 2), Ratio(Row(report, "resolutionRate")));
        Assert.Equal((2, 2), Ratio(Row(report, "satisfactionRate")));
        Assert.Equal((1, 2), Ratio(Row(report, "onTimeCompletionRate")));
        Assert.Equal((1, 3), Ratio(Row(report, "overdueRate")));
        Assert.Equal((0, 2), Ratio(Row(report, "reworkRate")));
        Assert.Equal(1.0 / 3, (double)Row(report, "overdueRate")["value"]!, 6);
        Assert.Equal(2, (long)Row(report, "medianHandlingTime")["denominator"]!);
        var definitions = report["definitions"]!.AsArray();
        Assert.Equal(8, definitions.Count);
        Assert.Contains(definitions, d => (string?)d!["name"] == "overdueRate" && (string?)d["nameZh"] == "超期率" && ((string?)d["definition"])!.Length > 40);

        static (long, long) Ratio(JsonObject row) => ((long)row["numerator"]!, (long)row["denominator"]!);
    }

    [Fact]
    public async Task RankingsAndTrends_CarryTheKpiAndItsDefinition()
    {
        var ranking = await GetJsonAsync($"/api/sla/kpis/rankings?kpi=overdueRate&by=department&{history.Window}");
        var trend = await GetJsonAsync($"/api/sla/kpis/trends?kpi=onTimeCompletionRate&by=department&period=month&{history.Window}");

        var entry = Assert.Single(ranking["rows"]!.AsArray())!;
        Assert.Equal(1, (int)entry["rank"]!);
        Assert.Equal(history.Unit, (string?)entry["department"]);
        Assert.Equal(3, (long)entry["denominator"]!);
        Assert.Equal("overdueRate", (string?)Assert.Single(ranking["definitions"]!.AsArray())!["name"]);
        var point = Assert.Single(trend["rows"]!.AsArray())!;
        Assert.Equal("2026-03", (string?)point["period"]);
        Assert.Equal(0.5, (double)point["value"]!, 6);
    }

    [Fact]
    public async Task Bottlenecks_PutTheBreachedHandlingFirst_AndRecommendationsAnswer()
    {
        var report = await GetJsonAsync($"/api/sla/bottlenecks?process=case-handling&{history.Window}");
        var recommendations = await GetJsonAsync($"/api/sla/recommendations?{history.Window}");

        var steps = report["rows"]!.AsArray().Where(r => (string?)r!["list"] == "step").ToList();
        var handle = steps.Single(s => (string?)s!["step"] == "handle")!;
        Assert.Equal(1, (int)handle["rank"]!);
        Assert.Equal(3, (int)handle["executions"]!); // one on time, the breached one and the one after the urge
        Assert.True((int)handle["overdueExecutions"]! >= 2);
        Assert.True((double)handle["workingHours"]! > 0);
        Assert.Contains(report["rows"]!.AsArray(), r => (string?)r!["list"] == "orgUnit" && (string?)r["orgUnit"] == history.Unit);
        Assert.Contains(report["definitions"]!.AsArray(), d => (string?)d!["name"] == "overdueShare");
        Assert.Contains(recommendations["rows"]!.AsArray(), r => (string?)r!["step"] == "accept" && (int)r["sampleSize"]! == 2);
        Assert.Contains(recommendations["definitions"]!.AsArray(), d => (string?)d!["name"] == "recommendedLimit");
    }

    [Fact]
    public async Task Csv_HasTheBom_AndParsesAsRfc4180()
    {
        var response = await _client.GetAsync($"/api/sla/kpis?by=department&format=csv&{history.Window}");
        var recommendations = await (await _client.GetAsync($"/api/sla/recommendations?format=csv&{history.Window}")).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var table = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = table[0];
        Assert.Equal(["period", "department", "district", "street", "category", "channel", "kpi", "value", "numerator", "denominator", "unit"], header);
        var overdue = table.Single(r => r[header.IndexOf("kpi")] == "overdueRate");
        Assert.Equal(("1", "3"), (overdue[header.IndexOf("numerator")], overdue[header.IndexOf("denominator")]));
        Assert.Equal(history.Unit, overdue[header.IndexOf("department")]);
        var recommendationTable = Csv.Parse(Encoding.UTF8.GetString(recommendations, 3, recommendations.Length - 3));
        Assert.True(recommendationTable.Count > 1);
        Assert.All(recommendationTable, r => Assert.Equal(recommendationTable[0].Count, r.Count));
    }

    [Fact]
    public async Task Xlsx_OpensWithMiniExcel_WithTheSameRows()
    {
        var response = await _client.GetAsync($"/api/sla/kpis?by=department&format=xlsx&{history.Window}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(8, rows.Count);
        var overdue = rows.Single(r => (string?)r["kpi"] == "overdueRate");
        Assert.Equal(1, Convert.ToInt64(overdue["numerator"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, Convert.ToInt64(overdue["denominator"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(history.Unit, (string?)overdue["department"]);
    }

    [Fact]
    public async Task EventLog_IsWellFormedXes_WithOneTracePerCase()
    {
        var response = await _client.GetAsync($"/api/sla/event-log.xes?{history.Window}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("log", log.Name.LocalName);
        Assert.Equal(["concept", "time", "lifecycle", "org"], log.Elements("extension").Select(e => (string)e.Attribute("prefix")!));
        Assert.Contains(log.Elements("classifier"), c => (string?)c.Attribute("keys") == "concept:name lifecycle:transition");
        var traces = log.Elements("trace").ToDictionary(t => Value(t, "concept:name")!);
        Assert.Equal(new[] { history.Late, history.OnTime, history.Pending }.Order(StringComparer.Ordinal), traces.Keys.Order(StringComparer.Ordinal));
        var onTime = traces[history.OnTime].Elements("event").ToList();
        Assert.Equal(8, onTime.Count); // accept, handle, verify, callback: each started and completed
        Assert.Equal(4, onTime.Count(e => Value(e, "lifecycle:transition") == "start"));
        Assert.All(onTime, e => Assert.NotNull(e.Elements("date").SingleOrDefault(d => (string?)d.Attribute("key") == "time:timestamp")));
        var accept = onTime.First(e => Value(e, "lifecycle:transition") == "complete");
        Assert.Equal(history.Unit, Value(accept, "org:group"));
        Assert.NotEqual("system", Value(accept, "org:resource"));
        var pending = Assert.Single(traces[history.Pending].Elements("event"));
        Assert.Equal("start", Value(pending, "lifecycle:transition"));

        static string? Value(XElement element, string key) =>
            (string?)element.Elements().FirstOrDefault(a => (string?)a.Attribute("key") == key)?.Attribute("value");
    }

    private async Task<JsonObject> RunJobAsync(string kind, Dictionary<string, string> parameters)
    {
        parameters["from"] = history.From.ToString("O");
        parameters["to"] = history.To.ToString("O");
        var started = await _client.PostAsJsonAsync("/api/sla/jobs", new { kind, @params = parameters });
        var job = await started.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal($"/api/sla/jobs/{job["id"]}", started.Headers.Location?.OriginalString);
        for (var polls = 0; polls < 300 && (string?)job["status"] is "queued" or "running"; polls++)
        {
            await Task.Delay(100);
            job = await GetJsonAsync($"/api/sla/jobs/{job["id"]}");
        }

        Assert.Equal("succeeded", (string?)job["status"]);
        return job;
    }

    [Fact]
    public async Task Job_RunsInTheBackground_WithProgressToDone_AndServesTheResult()
    {
        var job = await RunJobAsync("kpis", new() { ["by"] = "department", ["format"] = "csv" });

        Assert.Equal(3, (long)job["rowsRead"]!);
        Assert.Equal(3, (long)job["totalRows"]!);
        Assert.Equal(100, (double)job["percent"]!);
        var result = await _client.GetAsync((string)job["result"]!);
        var bytes = await result.Content.ReadAsByteArrayAsync();
        Assert.Equal(0xEF, bytes[0]);
        Assert.Contains(Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)), r => r.Contains("overdueRate"));
        await (await _client.GetAsync($"/api/sla/jobs/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task XesJob_CountsTheJournalEvents_AndServesTheLog()
    {
        var job = await RunJobAsync("xes", []);

        var log = XDocument.Parse(await (await _client.GetAsync((string)job["result"]!)).Content.ReadAsStringAsync()).Root!;
        var events = log.Elements("trace").SelectMany(t => t.Elements("event")).Count();
        Assert.Equal(3, log.Elements("trace").Count());
        Assert.Equal(events, (long)job["rowsRead"]!);
        Assert.Equal(events, (long)job["totalRows"]!);
    }

    [Fact]
    public async Task BadParametersAndOtherRoles_AreProblems()
    {
        var kpis = await (await _client.GetAsync("/api/sla/kpis?by=planet&period=year&from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
        var ranking = await (await _client.GetAsync("/api/sla/kpis/rankings?by=department")).ProblemAsync(HttpStatusCode.BadRequest);
        var backwards = await (await _client.GetAsync("/api/sla/bottlenecks?from=2026-03-05&to=2026-03-01&format=pdf")).ProblemAsync(HttpStatusCode.BadRequest);
        var job = await (await _client.PostAsJsonAsync("/api/sla/jobs", new { kind = "everything", @params = new { kpi = "speed" } })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await history.App.CreateClient("wu.gang").GetAsync("/api/sla/kpis")).ProblemAsync(HttpStatusCode.Forbidden); // an officer
        await (await history.App.CreateAnonymousClient().GetAsync("/api/sla/event-log.xes")).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.NotNull(kpis["errors"]!["by"]);
        Assert.NotNull(kpis["errors"]!["period"]);
        Assert.NotNull(kpis["errors"]!["from"]);
        Assert.NotNull(ranking["errors"]!["kpi"]);
        Assert.NotNull(backwards["errors"]!["to"]);
        Assert.NotNull(backwards["errors"]!["format"]);
        Assert.NotNull(job["errors"]!["kind"]);
        Assert.NotNull(job["errors"]!["params.kpi"]);
    }
}

public sealed class SqliteSlaReportsTests(SqliteSlaHistory history) : SlaReportsTests<SqliteCaseApp>(history), IClassFixture<SqliteSlaHistory>;

public sealed class PostgreSqlSlaReportsTests(PostgreSqlSlaHistory history) : SlaReportsTests<PostgreSqlCaseApp>(history), IClassFixture<PostgreSqlSlaHistory>;

/// <summary>An RFC 4180 reader, independent of the writer under test.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "unterminated quoted field");
        Assert.True(row.Count == 0 && field.Length == 0, "the last record must end with CRLF");
        return rows;
    }
}
