using System.Text.Json.Nodes;
using System.Xml.Linq;
using Tongguan.Cases.Forms;

namespace Tongguan.Cases.Tests.Forms;

/// <summary>The forms the repository ships in definitions/forms are the data under test.</summary>
public sealed class ShippedFormsTests
{
    private static readonly string[] Keys =
        ["accept", "callback", "co-handle", "dispatch", "escalation", "handle", "intake-review", "summon", "verify"];

    // One valid completion per form: every shipped form must accept what its task is expected to submit.
    public static TheoryData<string, string> ValidOutputs => new()
    {
        { "intake-review", """{ "decision": "merge", "mergeInto": "TG-2025-000123" }""" },
        { "dispatch", """{ "unitId": "D01-chengguan", "note": "占道经营，请城管处理。" }""" },
        { "accept", """{ "decision": "return", "reason": "不属于本单位职责。" }""" },
        { "handle", """{ "outcome": "done", "result": "已清理。", "attachments": ["3f2504e0-4f89-11d3-9a0c-0305e82c3301"] }""" },
        { "summon", """{ "departments": ["D01-chengguan", "D01-zhujian"], "note": "请各部门今日到场。" }""" },
        { "co-handle", """{ "result": "已派人到场协助。" }""" },
        { "verify", """{ "verified": true }""" },
        { "callback", """{ "satisfaction": "basicallySatisfied", "comment": "处理及时 👍" }""" },
        { "escalation", """{ "decision": "reassign", "unitId": "D02" }""" },
    };

    [Fact]
    public void TheShippedFolder_HoldsExactlyTheExpectedForms()
    {
        Assert.Equal(Keys, ShippedForms.Catalog.All.Select(f => f.Key));
    }

    [Fact]
    public void EveryFormKey_InTheShippedProcesses_NamesAShippedForm()
    {
        XNamespace tg = "https://tongguan.dev/schema/bpmn";
        var definitions = Path.GetDirectoryName(ShippedForms.Folder)!;
        var formKeys = Directory.GetFiles(definitions, "*.bpmn")
            .SelectMany(file => XDocument.Load(file).Descendants()
                .Select(e => e.Attribute(tg + "formKey"))
                .OfType<XAttribute>()
                .Select(a => (File: Path.GetFileName(file), Key: a.Value)))
            .ToList();

        Assert.NotEmpty(formKeys);
        Assert.All(formKeys, k => Assert.True(ShippedForms.Catalog.Find(k.Key) is not null, $"{k.File}: tg:formKey=\"{k.Key}\" has no form"));
    }

    [Fact]
    public void EveryLabel_HasChineseAndEnglish()
    {
        foreach (var form in ShippedForms.Catalog.All)
        {
            var labels = form.Fields.Select(f => f.Label)
                .Concat(form.Fields.SelectMany(f => f.Options ?? []).Select(o => o.Label))
                .Append(form.Title);
            Assert.All(labels, label =>
            {
                Assert.False(string.IsNullOrWhiteSpace(label.Zh), form.Key);
                Assert.False(string.IsNullOrWhiteSpace(label.En), form.Key);
            });
        }
    }

    [Theory]
    [MemberData(nameof(ValidOutputs))]
    public void EveryForm_AcceptsATypicalCompletion(string key, string output)
    {
        var units = new HashSet<string>(StringComparer.Ordinal) { "D01", "D02", "D01-chengguan", "D01-zhujian" };

        var errors = FormValidation.Validate(ShippedForms.Get(key), JsonNode.Parse(output)!.AsObject(), units.Contains);

        Assert.Empty(errors);
    }

    [Fact]
    public void Accept_LimitsTheReturnReasonTo500Characters()
    {
        var reason = ShippedForms.Get("accept").FindField("reason")!;

        Assert.Equal(500, reason.MaxLength);
        Assert.Equal(new FormCondition("decision", "return"), reason.RequiredWhen);
    }

    [Theory]
    [InlineData("handle")]
    [InlineData("summon")]
    [InlineData("escalation")]
    public void Departments_AreOneToEightOrgUnits(string key)
    {
        var departments = ShippedForms.Get(key).FindField("departments")!;

        Assert.Equal(FormFieldType.OrgUnits, departments.Type);
        Assert.Equal(1, departments.MinItems);
        Assert.Equal(8, departments.MaxItems);
    }

    [Fact]
    public void Choices_HaveTheOptionsTheProcessesBranchOn()
    {
        Assert.Equal(["file", "reject", "merge"], Options("intake-review", "decision"));
        Assert.Equal(["accept", "return"], Options("accept", "decision"));
        Assert.Equal(["done", "coHandle"], Options("handle", "outcome"));
        Assert.Equal(["satisfied", "basicallySatisfied", "unsatisfied"], Options("callback", "satisfaction"));
        Assert.Equal(["urge", "reassign", "summon"], Options("escalation", "decision"));
    }

    [Fact]
    public void Verify_RequiresRemarks_WhenNotVerified()
    {
        Assert.Equal(new FormCondition("verified", false), ShippedForms.Get("verify").FindField("remarks")!.RequiredWhen);
    }

    private static IEnumerable<string> Options(string key, string field) =>
        ShippedForms.Get(key).FindField(field)!.Options!.Select(o => o.Value);
}
