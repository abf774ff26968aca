using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Tongguan.Cases.Forms;
using Tongguan.Cases.ReferenceData;
using Tongguan.Cases.UI.Inbox;

namespace Tongguan.Web.Tests.Components.Inbox;

public sealed class TaskFormTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The handle form as the API sends it (GET /api/forms/handle), read back the way the page reads it.</summary>
    private static FormDefinition HandleForm()
    {
        var form = new FormDefinition("handle", new LocalizedName("处置", "Handle the problem"),
        [
            new FormField("outcome", FormFieldType.Choice, new LocalizedName("处置情况", "Outcome"))
            {
                Required = true,
                Options = [new FormOption("done", new LocalizedName("已处置", "Done")), new FormOption("coHandle", new LocalizedName("需要协同处置", "Needs co-handling"))],
            },
            new FormField("result", FormFieldType.Textarea, new LocalizedName("处置结果", "What was done")) { RequiredWhen = new FormCondition("outcome", "done"), MaxLength = 4000 },
            new FormField("attachments", FormFieldType.Attachments, new LocalizedName("处置照片和材料", "Photos and documents (proof)")) { MaxItems = 10 },
            new FormField("departments", FormFieldType.OrgUnits, new LocalizedName("协同部门", "Departments to co-handle"))
            {
                RequiredWhen = new FormCondition("outcome", "coHandle"), MinItems = 1, MaxItems = 8,
            },
            new FormField("hours", FormFieldType.Number, new LocalizedName("工时", "Hours")) { Min = 0, Max = 100 },
        ]);
        return JsonSerializer.Deserialize<FormDefinition>(JsonSerializer.Serialize(form, Web), Web)!;
    }

    private static FormDefinition VerifyForm()
    {
        var form = new FormDefinition("verify", new LocalizedName("核查", "Verify on site"),
        [
            new FormField("verified", FormFieldType.Boolean, new LocalizedName("问题已解决", "The problem is solved")) { Required = true },
            new FormField("remarks", FormFieldType.Textarea, new LocalizedName("核查意见", "Findings")) { RequiredWhen = new FormCondition("verified", false) },
        ]);
        return JsonSerializer.Deserialize<FormDefinition>(JsonSerializer.Serialize(form, Web), Web)!;
    }

    [Fact]
    public void ToOutput_SendsFilledFieldsInTheirJsonKinds_AndLeavesEmptyOnesOut()
    {
        var state = new TaskFormState(HandleForm());
        state.SetText("outcome", "done");
        state.SetText("result", "  已清运  ");
        state.SetText("departments", " ");
        state.SetText("hours", "1.5");
        var photo = Guid.NewGuid();
        state.Attachments.Add(photo);

        var output = state.ToOutput();

        Assert.Equal("done", (string?)output["outcome"]);
        Assert.Equal("已清运", (string?)output["result"]);
        Assert.Equal(1.5m, (decimal)output["hours"]!);
        Assert.Equal([photo.ToString()], output["attachments"]!.AsArray().Select(a => (string)a!));
        Assert.False(output.ContainsKey("departments"));
    }

    [Fact]
    public void ToOutput_SendsAnUnparsableNumberAsTyped_SoTheApiNamesTheProblem()
    {
        var state = new TaskFormState(HandleForm());
        state.SetText("hours", "three");

        Assert.Equal("three", (string?)state.ToOutput()["hours"]);
    }

    [Fact]
    public void SplitList_AcceptsChineseAndAsciiSeparators_AndDropsRepeats() =>
        Assert.Equal(["D01-chengguan", "D01-shuiwu", "D01-jiaotong"], TaskFormState.SplitList("D01-chengguan，D01-shuiwu, D01-jiaotong；D01-shuiwu"));

    [Fact]
    public void IsRequired_FollowsTheConditionField()
    {
        var state = new TaskFormState(HandleForm());
        var result = state.Form.FindField("result")!;
        var departments = state.Form.FindField("departments")!;

        Assert.False(state.IsRequired(result));
        state.SetText("outcome", "done");
        Assert.True(state.IsRequired(result));
        Assert.False(state.IsRequired(departments));
        state.SetText("outcome", "coHandle");
        Assert.True(state.IsRequired(departments));
        Assert.True(state.IsRequired(state.Form.FindField("outcome")!));
    }

    [Fact]
    public void IsRequired_ComparesBooleanConditions()
    {
        var state = new TaskFormState(VerifyForm());
        var remarks = state.Form.FindField("remarks")!;

        state.SetFlag("verified", true);
        Assert.False(state.IsRequired(remarks));
        state.SetFlag("verified", false);
        Assert.True(state.IsRequired(remarks));
        Assert.False((bool)state.ToOutput()["verified"]!);
    }

    [Fact]
    public async Task Render_ShowsEveryFieldByType_AndTheApisErrorsBesideTheirFields()
    {
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var state = new TaskFormState(HandleForm());

        var form = context.Render<TaskForm>(p => p
            .Add(x => x.State, state)
            .Add(x => x.Text, InboxText.English)
            .Add(x => x.English, true)
            .Add(x => x.Files, ["after.png"])
            .Add(x => x.Errors, new Dictionary<string, string[]> { ["result"] = ["'What was done' is required when Outcome is 'done'."] }));

        Assert.Equal(["outcome", "result", "attachments", "departments", "hours"],
            form.FindAll("[data-testid^=field-]").Select(f => f.GetAttribute("data-testid")!["field-".Length..]));
        Assert.Equal(2, form.FindAll("[data-testid=field-outcome] input[type=radio]").Count);
        Assert.NotNull(form.Find("[data-testid=field-result] textarea"));
        Assert.Contains("after.png", form.Find("[data-testid=form-attachment]").TextContent, StringComparison.Ordinal);
        Assert.Contains("is required when Outcome", form.Find("[data-testid=error-result]").TextContent, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("[data-testid=error-outcome]"));
        Assert.Contains("Outcome *", form.Find("[data-testid=field-outcome]").TextContent, StringComparison.Ordinal);
    }
}
