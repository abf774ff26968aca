using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Reports;

/// <summary>
/// A small hand-made history, made once per database through the real HTTP API: three garbage cases of one unit —
/// <see cref="OnTime"/> handled and closed on time (satisfied), <see cref="Late"/> whose handling limit passed (breach,
/// escalation, urge) before it was closed (basically satisfied), and <see cref="Pending"/> still waiting to be
/// accepted, not yet due. Reports are read over <c>[From, To)</c>.
/// </summary>
public abstract class SlaHistory<TApp> : IAsyncLifetime
    where TApp : TongguanApp, ICaseApp, new()
{
    private const string Hotline = "wang.fang";

    public TApp App { get; } = new();

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public string Unit { get; private set; } = "";

    public string OnTime { get; private set; } = "";

    public string Late { get; private set; } = "";

    public string Pending { get; private set; } = "";

    /// <summary><c>from=…&amp;to=…</c> for the history's window.</summary>
    public string Window => $"from={Uri.EscapeDataString(From.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(To.ToString("O", CultureInfo.InvariantCulture))}";

    /// <summary>李娜, a city auditor of the reference data.</summary>
    public HttpClient Client() => App.CreateClient("li.na");

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var agent = App.CreateClient(Hotline);
        From = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        OnTime = await FileAsync(agent, 0);
        Unit = (string)(await agent.CaseAsync(OnTime))["case"]!["responsibleUnitId"]!;
        await CompleteAsync(agent, OnTime, "accept", new { decision = "accept" });
        App.Clock.Advance(TimeSpan.FromHours(1));
        await CompleteAsync(agent, OnTime, "handle", new { outcome = "done", result = "已清运" });
        await CompleteAsync(agent, OnTime, "verify", new { verified = true });
        await CompleteAsync(agent, OnTime, "callback", new { satisfaction = "satisfied" }, Hotline);

        Late = await FileAsync(agent, 1);
        await CompleteAsync(agent, Late, "accept", new { decision = "accept" });
        var due = (DateTimeOffset)(await agent.OpenTaskAsync(Late, "handle"))["dueAt"]!;
        var swept = await App.AdvanceAsync(due - App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.True(swept.Breached >= 1);
        await CompleteAsync(agent, Late, "decide", new { decision = "urge", note = "限期处理" });
        await CompleteAsync(agent, Late, "handle", new { outcome = "done", result = "已清运" });
        await CompleteAsync(agent, Late, "verify", new { verified = true });
        await CompleteAsync(agent, Late, "callback", new { satisfaction = "basicallySatisfied" }, Hotline);

        Pending = await FileAsync(agent, 2);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        To = App.Clock.GetUtcNow();
    }

    public Task DisposeAsync() => App.DisposeAsync();

    private async Task<string> FileAsync(HttpClient agent, int cell)
    {
        var community = App.Reference().GridCellsOf("D01-S01-C01")[cell];
        // Far-apart house numbers, other words and other callers: three problems, not duplicates of one.
        string[] texts = ["春晖路11号垃圾桶满了", "桂香街47号门口垃圾堆放两天无人清运，气味很大", "湖滨路88号小区外垃圾箱损坏，垃圾散落"];
        // Cell 3 (G04) is the wet market, whose bins its community empties; the others go to the district bureau.
        var filed = await agent.FileAsync(CaseSteps.Report("Hotline12345", "S0102", App.At(community.Id), texts[cell], $"1381234567{cell}"));
        Assert.Equal("Filed", (string?)filed["outcome"]);
        return (string)filed["caseNumber"]!;
    }

    private async Task CompleteAsync(HttpClient agent, string number, string nodeId, object output, string? user = null)
    {
        var task = await agent.OpenTaskAsync(number, nodeId);
        var group = (string)task["candidateGroups"]![0]!;
        user ??= App.Reference().UsersIn(CandidateGroup.TryParse(group, out var g) ? g.Value : throw new ArgumentException(group))[0].Id;
        var response = await App.CreateClient(user).PostAsJsonAsync($"/api/inbox/tasks/{task["id"]}/complete", new { output });
        await response.JsonAsync(HttpStatusCode.OK);
    }
}

public sealed class SqliteSlaHistory : SlaHistory<SqliteCaseApp>;

public sealed class PostgreSqlSlaHistory : SlaHistory<PostgreSqlCaseApp>;
