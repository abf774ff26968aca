using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.ReferenceData;
using Tongguan.Integration.Tests.Cases;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.SlaApply;

/// <summary>
/// Which limit a task gets when it opens: the process's <c>tg:categoryLimits</c> entry for the case's category, then
/// the reference data's category limit for the step, then <c>tg:timeLimit</c>.
/// </summary>
public abstract class CategoryLimitPrecedenceTests<TApp>(TApp app)
    where TApp : TongguanApp, ICaseApp
{
    private const string Definitions = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="https://tongguan.dev/test">
          <process id="sla-precedence" isExecutable="true">
            <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
            <userTask id="work" tg:candidateGroups="probe" tg:step="handle" tg:timeLimit="P3D" tg:categoryLimits="S0102=PT5H; S0501=P1DT3H30M" />
            <sequenceFlow id="f2" sourceRef="work" targetRef="e" /><endEvent id="e" />
          </process>
          <process id="sla-precedence-nostep" isExecutable="true">
            <startEvent id="s2" /><sequenceFlow id="g1" sourceRef="s2" targetRef="work2" />
            <userTask id="work2" tg:candidateGroups="probe" tg:timeLimit="P3D" tg:categoryLimits="S0102=PT5H" />
            <sequenceFlow id="g2" sourceRef="work2" targetRef="e2" /><endEvent id="e2" />
          </process>
        </definitions>
        """;

    private readonly HttpClient _client = app.CreateClient("chen.jing");

    private async Task<(string Limit, string Calendar)> LimitOfAsync(string key, string? category)
    {
        var businessKey = "P-" + Guid.NewGuid().ToString("N")[..10];
        await _client.StartAsync(key, businessKey, category is null ? null : new { categoryCode = category });
        var deadline = (await _client.SingleOpenTaskAsync(businessKey))["deadline"]!;
        return ((string)deadline["limit"]!, (string)deadline["calendar"]!);
    }

    [Fact]
    public async Task Task_GetsTheProcessCategoryLimit_ThenTheReferenceData_ThenItsTimeLimit()
    {
        var published = await _client.PostXmlAsync("/api/definitions", Definitions);
        Assert.True(published.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        var reference = app.Services.GetRequiredService<ReferenceDataSnapshot>();
        var other = reference.Categories.First(c => c.Code is not "S0102" and not "S0501" && !string.IsNullOrEmpty(c.StepLimits.Handle.Duration));

        Assert.NotEqual("PT5H", reference.FindCategory("S0102")!.StepLimits.Handle.Duration);
        Assert.Equal(("PT5H", "Business"), await LimitOfAsync("sla-precedence", "S0102"));
        Assert.Equal(("P1DT3H30M", "Business"), await LimitOfAsync("sla-precedence", "S0501"));
        Assert.Equal((other.StepLimits.Handle.Duration, other.StepLimits.Handle.Calendar.ToString()), await LimitOfAsync("sla-precedence", other.Code));
        Assert.Equal(("P3D", "Business"), await LimitOfAsync("sla-precedence", null));
        Assert.Equal(("P3D", "Business"), await LimitOfAsync("sla-precedence-nostep", "S0102"));
    }
}

public sealed class SqliteCategoryLimitPrecedenceTests(SqliteCaseApp app) : CategoryLimitPrecedenceTests<SqliteCaseApp>(app), IClassFixture<SqliteCaseApp>;

public sealed class PostgreSqlCategoryLimitPrecedenceTests(PostgreSqlCaseApp app) : CategoryLimitPrecedenceTests<PostgreSqlCaseApp>(app), IClassFixture<PostgreSqlCaseApp>;
