using System.Text.Json;
using Microsoft.Playwright;

namespace Tongguan.Web.Tests.Browser.Editor;

/// <summary>
/// Small processes the diff and instance journeys publish under their own keys (so they never meet the reference
/// definitions other journeys edit), through the definitions API with the signed-in designer's cookie.
/// </summary>
internal static class EditorProcesses
{
    /// <summary>Opening a page loads bpmn-js and lays out the diagrams: slow on a busy machine, so wait longer than Expect's 5 s.</summary>
    public const float LoadingTimeout = 30_000;

    public static LocatorAssertionsToHaveAttributeOptions Loading => new() { Timeout = LoadingTimeout };

    /// <summary>start → review (time limit <paramref name="reviewLimit"/>) → [approve →] end.</summary>
    public static string Review(string key, string reviewLimit, bool withApproval)
    {
        var afterReview = withApproval ? "approve" : "end";
        var approval = withApproval
            ? """
                <bpmn:userTask id="approve" name="Approve" tg:candidateGroups="leaders" />
                <bpmn:sequenceFlow id="approvedToEnd" sourceRef="approve" targetRef="end" />
            """
            : "";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn"
                              id="{key}-definitions" targetNamespace="https://tongguan.dev/definitions">
              <bpmn:process id="{key}" name="Review ({key})" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
                <bpmn:userTask id="review" name="Review" tg:candidateGroups="officers" tg:timeLimit="{reviewLimit}" tg:calendar="natural" />
                <bpmn:sequenceFlow id="fromReview" sourceRef="review" targetRef="{afterReview}" />
                {approval}
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
    }

    /// <summary>Saves <paramref name="xml"/> as the key's draft and publishes it; returns the published version.</summary>
    public static async Task<int> PublishAsync(IPage page, string key, string xml)
    {
        var draft = await page.APIRequest.PutAsync($"api/definitions/{key}/draft", new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/xml" },
            DataString = xml,
        });
        Assert.True(draft.Ok, $"saving the draft answered {draft.Status}: {await draft.TextAsync()}");
        var published = await page.APIRequest.PostAsync($"api/definitions/{key}/draft/publish");
        Assert.True(published.Ok, $"publishing answered {published.Status}: {await published.TextAsync()}");
        using var body = JsonDocument.Parse(await published.TextAsync());
        return body.RootElement.GetProperty("definitions").EnumerateArray()
            .Single(d => d.GetProperty("key").GetString() == key).GetProperty("version").GetInt32();
    }

    /// <summary>Starts an instance of the key's latest version through the engine's API; returns its id.</summary>
    public static async Task<Guid> StartAsync(IPage page, string key, string businessKey)
    {
        var started = await page.APIRequest.PostAsync("api/process-instances", new()
        {
            DataObject = new { definitionKey = key, businessKey },
        });
        Assert.True(started.Status == 201, $"starting answered {started.Status}: {await started.TextAsync()}");
        using var body = JsonDocument.Parse(await started.TextAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
