using System.Text.Json.Nodes;
using Tongguan.Cases.Forms;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Tests.Forms;

public sealed class FormValidationTests
{
    private const string Attachment = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private const string OtherAttachment = "6b29fc40-ca47-1067-b31d-00dd010662da";

    private static readonly LocalizedName Label = new("标签", "Label");

    // Every type once, all optional, so each test varies one field.
    private static readonly FormDefinition Sample = new("sample", Label, [
        new FormField("title", FormFieldType.Text, Label) { MaxLength = 10 },
        new FormField("body", FormFieldType.Textarea, Label) { MaxLength = 4000 },
        new FormField("count", FormFieldType.Number, Label) { Min = 1, Max = 5 },
        new FormField("urgent", FormFieldType.Boolean, Label),
        new FormField("kind", FormFieldType.Choice, Label) { Options = [new("a", Label), new("b", Label)] },
        new FormField("due", FormFieldType.Date, Label),
        new FormField("unit", FormFieldType.OrgUnit, Label),
        new FormField("units", FormFieldType.OrgUnits, Label) { MinItems = 2, MaxItems = 3 },
        new FormField("caseNo", FormFieldType.CaseNumber, Label) { MaxLength = 64 },
        new FormField("files", FormFieldType.Attachments, Label) { MaxItems = 2 },
    ]);

    [Fact]
    public void Validate_AcceptsAValidValueOfEveryType()
    {
        var errors = Validate(Sample, new JsonObject
        {
            ["title"] = "井盖丢失",
            ["body"] = "第一行\n第二行",
            ["count"] = 2.5,
            ["urgent"] = false,
            ["kind"] = "b",
            ["due"] = "2025-03-31",
            ["unit"] = "D01",
            ["units"] = new JsonArray("D01", "D02"),
            ["caseNo"] = "TG-2025-000123",
            ["files"] = new JsonArray(Attachment, OtherAttachment),
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_TreatsNullDataAsAnEmptyObject()
    {
        Assert.Empty(Validate(Sample, null));
        Assert.Equal(["'decision' is required."], Validate(ShippedForms.Get("accept"), null)["decision"]);
    }

    [Fact]
    public void Validate_RejectsAFieldTheFormDoesNotHave()
    {
        var errors = Validate(ShippedForms.Get("accept"), new JsonObject { ["decision"] = "accept", ["foo"] = 1 });

        Assert.Equal(["'foo' is not a field of form 'accept'."], Assert.Single(errors).Value);
        Assert.Equal("foo", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "decision": null }""")]
    [InlineData("""{ "decision": "  " }""")]
    public void Validate_RejectsAMissingRequiredValue(string json)
    {
        var errors = Validate(ShippedForms.Get("accept"), Parse(json));

        Assert.Equal(["'decision' is required."], errors["decision"]);
    }

    [Fact]
    public void Validate_RejectsAnEmptyListForARequiredListField()
    {
        var errors = Validate(ShippedForms.Get("summon"), new JsonObject { ["departments"] = new JsonArray() });

        Assert.Equal(["'departments' is required."], errors["departments"]);
    }

    [Fact]
    public void Validate_AcceptsFalseForARequiredBoolean()
    {
        var errors = Validate(ShippedForms.Get("verify"), new JsonObject { ["verified"] = false, ["remarks"] = "路面仍有积水。" });

        Assert.Empty(errors);
    }

    [Fact]
    public void RequiredWhen_RequiresTheField_WhenTheChoiceHasTheValue()
    {
        var errors = Validate(ShippedForms.Get("accept"), new JsonObject { ["decision"] = "return" });

        Assert.Equal(["'reason' is required when 'decision' is 'return'."], Assert.Single(errors).Value);
    }

    [Fact]
    public void RequiredWhen_LeavesTheFieldOptional_WhenTheChoiceHasAnotherValue()
    {
        Assert.Empty(Validate(ShippedForms.Get("accept"), new JsonObject { ["decision"] = "accept" }));
        Assert.Empty(Validate(ShippedForms.Get("accept"), new JsonObject { ["decision"] = "return", ["reason"] = "不属于本单位职责。" }));
    }

    [Fact]
    public void RequiredWhen_RequiresTheField_WhenTheBooleanIsFalse()
    {
        var errors = Validate(ShippedForms.Get("verify"), new JsonObject { ["verified"] = false });

        Assert.Equal(["'remarks' is required when 'verified' is false."], Assert.Single(errors).Value);
    }

    [Fact]
    public void RequiredWhen_LeavesTheFieldOptional_WhenTheBooleanIsTrue()
    {
        Assert.Empty(Validate(ShippedForms.Get("verify"), new JsonObject { ["verified"] = true }));
    }

    [Fact]
    public void RequiredWhen_DoesNotTreatTheStringFalseAsTheBooleanFalse()
    {
        var errors = Validate(ShippedForms.Get("verify"), new JsonObject { ["verified"] = "false" });

        Assert.Equal(["'verified' must be true or false."], Assert.Single(errors).Value);
    }

    [Theory]
    [InlineData("""{ "title": 5 }""", "'title' must be text.")]
    [InlineData("""{ "title": ["a"] }""", "'title' must be text.")]
    [InlineData("""{ "count": "3" }""", "'count' must be a number.")]
    [InlineData("""{ "urgent": "yes" }""", "'urgent' must be true or false.")]
    [InlineData("""{ "unit": 7 }""", "'unit' must be an org unit id (text).")]
    [InlineData("""{ "units": "D01" }""", "'units' must be a list of org unit ids.")]
    [InlineData("""{ "files": { "id": "x" } }""", "'files' must be a list of attachment ids.")]
    public void Validate_RejectsAValueOfTheWrongJsonKind(string json, string message)
    {
        var error = Assert.Single(Validate(Sample, Parse(json)));

        Assert.Equal([message], error.Value);
    }

    [Fact]
    public void MaxLength_AcceptsTheLimit_AndCountsAnEmojiAsOneCharacter()
    {
        Assert.Empty(Validate(Sample, new JsonObject { ["title"] = "一二三四五六七八九十" }));
        Assert.Empty(Validate(Sample, new JsonObject { ["title"] = "🚧🚧🚧🚧🚧🚧🚧🚧🚧🚧" }));
    }

    [Fact]
    public void MaxLength_RejectsOneCharacterMore()
    {
        var errors = Validate(Sample, new JsonObject { ["title"] = "一二三四五六七八九十一" });

        Assert.Equal(["'title' is too long: at most 10 characters, this has 11."], errors["title"]);
    }

    [Fact]
    public void Text_MustBeASingleLine_ButATextareaMayHaveSeveral()
    {
        Assert.Equal(["'title' must be a single line."], Validate(Sample, new JsonObject { ["title"] = "a\nb" })["title"]);
        Assert.Empty(Validate(Sample, new JsonObject { ["body"] = "a\r\nb\n\tc" }));
    }

    [Theory]
    [InlineData("body", "<script>alert(1)</script>")]
    [InlineData("title", "<b>hi</b>")]
    [InlineData("caseNo", "<img src=x>")]
    public void Validate_RejectsMarkupInTextFields(string field, string value)
    {
        var errors = Validate(Sample, new JsonObject { [field] = value });

        Assert.StartsWith($"'{field}' must be plain text (no HTML or script)", Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_AcceptsAnOption_AndRejectsAnythingElse()
    {
        Assert.Empty(Validate(Sample, new JsonObject { ["kind"] = "a" }));
        Assert.Equal(["'kind' must be one of: a, b; got 'c'."], Validate(Sample, new JsonObject { ["kind"] = "c" })["kind"]);
        Assert.Equal(["'kind' must be one of: a, b; got true."], Validate(Sample, new JsonObject { ["kind"] = true })["kind"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(3.25)]
    public void Number_AcceptsValuesInRange(double value)
    {
        Assert.Empty(Validate(Sample, new JsonObject { ["count"] = value }));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Number_RejectsValuesOutOfRange(double value)
    {
        var message = Assert.Single(Validate(Sample, new JsonObject { ["count"] = value })["count"]);

        Assert.StartsWith("'count' must be between 1 and 5; got ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025/03/01")]
    [InlineData("2025-03-01T08:00:00")]
    [InlineData("tomorrow")]
    public void Date_RejectsAnythingButAnIsoDate(string value)
    {
        var message = Assert.Single(Validate(Sample, new JsonObject { ["due"] = value })["due"]);

        Assert.StartsWith("'due' must be a date written yyyy-MM-dd", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_AcceptsALeapDay()
    {
        Assert.Empty(Validate(Sample, new JsonObject { ["due"] = "2024-02-29" }));
    }

    [Fact]
    public void OrgUnit_MustExist()
    {
        Assert.Empty(Validate(Sample, new JsonObject { ["unit"] = "TG" }));
        Assert.Equal(["'unit': there is no org unit 'D09'."], Validate(Sample, new JsonObject { ["unit"] = "D09" })["unit"]);
    }

    [Fact]
    public void OrgUnits_ReportsEachUnknownAndRepeatedUnit()
    {
        var errors = Validate(Sample, new JsonObject { ["units"] = new JsonArray("D09", "D01", "D01") });

        Assert.Equal(["'units': there is no org unit 'D09'.", "'units' lists 'D01' twice."], errors["units"]);
    }

    [Fact]
    public void OrgUnits_EnforcesMinItemsAndMaxItems()
    {
        Assert.Equal(
            ["'units' needs at least 2 item(s), this has 1."],
            Validate(Sample, new JsonObject { ["units"] = new JsonArray("D01") })["units"]);
        Assert.Equal(
            ["'units' allows at most 3 item(s), this has 4."],
            Validate(Sample, new JsonObject { ["units"] = new JsonArray("D01", "D02", "TG", "D03") })["units"]);
        Assert.Empty(Validate(Sample, new JsonObject { ["units"] = new JsonArray("D01", "D02", "TG") }));
    }

    [Fact]
    public void Attachments_MustBeGuids()
    {
        var errors = Validate(Sample, new JsonObject { ["files"] = new JsonArray(Attachment, "photo.jpg") });

        Assert.Equal(["'files': 'photo.jpg' is not an attachment id (a GUID like 3f2504e0-4f89-11d3-9a0c-0305e82c3301)."], errors["files"]);
    }

    [Fact]
    public void Validate_AcceptsValuesBuiltInCode_AsWellAsParsedOnes()
    {
        var errors = Validate(Sample, new JsonObject
        {
            ["files"] = new JsonArray(JsonValue.Create(Guid.Parse(Attachment))),
            ["kind"] = JsonValue.Create('a'),
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void Attachments_EnforcesMaxItems()
    {
        var errors = Validate(Sample, new JsonObject { ["files"] = new JsonArray(Attachment, OtherAttachment, Guid.NewGuid().ToString()) });

        Assert.Equal(["'files' allows at most 2 item(s), this has 3."], errors["files"]);
    }

    [Fact]
    public void Attachments_RejectsAnItemThatIsNotText()
    {
        var errors = Validate(Sample, new JsonObject { ["files"] = new JsonArray(Attachment, 42) });

        Assert.Equal(["'files' item 2 must be text, not 42."], errors["files"]);
    }

    [Fact]
    public void Validate_ReportsEveryInvalidField_AtOnce()
    {
        var errors = Validate(ShippedForms.Get("handle"), new JsonObject
        {
            ["outcome"] = "coHandle",
            ["attachments"] = new JsonArray("nope"),
            ["note"] = "<iframe src=x></iframe>",
            ["extra"] = true,
        });

        Assert.Equal(["attachments", "departments", "extra", "note"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["'departments' is required when 'outcome' is 'coHandle'."], errors["departments"]);
    }

    private static IDictionary<string, string[]> Validate(FormDefinition form, JsonObject? data) =>
        FormValidation.Validate(form, data, id => id is "TG" or "D01" or "D02" or "D03");

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
