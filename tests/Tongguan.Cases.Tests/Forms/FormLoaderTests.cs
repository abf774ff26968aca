using System.Text.Json.Nodes;
using Tongguan.Cases.Forms;
using static Tongguan.Cases.Tests.Forms.TempFormFolder;

namespace Tongguan.Cases.Tests.Forms;

public sealed class FormLoaderTests : IDisposable
{
    private readonly TempFormFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_ReadsAForm_AndAppliesTheDefaultLimits()
    {
        _folder.WriteForm(
            "sample",
            Field("title", "text"),
            Field("body", "textarea"),
            Field("caseNo", "caseNumber"),
            Field("files", "attachments"),
            With(Field("kind", "choice"), "options", Options("a", "b")));

        var form = Assert.Single(FormLoader.LoadFolder(_folder.Path).All);

        Assert.Equal("sample", form.Key);
        Assert.Equal(FormLoader.DefaultTextMaxLength, form.FindField("title")!.MaxLength);
        Assert.Equal(FormLoader.DefaultTextareaMaxLength, form.FindField("body")!.MaxLength);
        Assert.Equal(FormLoader.DefaultCaseNumberMaxLength, form.FindField("caseNo")!.MaxLength);
        Assert.Equal(FormLoader.DefaultAttachmentsMaxItems, form.FindField("files")!.MaxItems);
        Assert.Equal(["a", "b"], form.FindField("kind")!.Options!.Select(o => o.Value));
    }

    [Fact]
    public void Load_ReadsRequiredWhen_WithAStringAndABoolean()
    {
        _folder.WriteForm(
            "sample",
            With(Field("kind", "choice"), "options", Options("a", "b")),
            Field("ok", "boolean"),
            With(Field("why", "textarea"), "requiredWhen", new JsonObject { ["field"] = "kind", ["equals"] = "b" }),
            With(Field("remarks", "textarea"), "requiredWhen", new JsonObject { ["field"] = "ok", ["equals"] = false }));

        var form = Assert.Single(FormLoader.LoadFolder(_folder.Path).All);

        Assert.Equal(new FormCondition("kind", "b"), form.FindField("why")!.RequiredWhen);
        Assert.Equal(new FormCondition("ok", false), form.FindField("remarks")!.RequiredWhen);
    }

    [Fact]
    public void Load_ReportsAnUnknownType()
    {
        _folder.WriteForm("sample", Field("when", "datetime"));

        var problem = AssertSingleProblem("sample.json", "$.fields[0].type");
        Assert.Contains("unknown field type 'datetime'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("orgUnits", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsDuplicateFieldNames()
    {
        _folder.WriteForm("sample", Field("note", "text"), Field("note", "textarea"));

        var problem = AssertSingleProblem("sample.json", "$.fields[1].name");
        Assert.Contains("duplicate field name 'note': $.fields[0] already has it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsRequiredWhenNamingAnUnknownField()
    {
        _folder.WriteForm(
            "sample",
            Field("note", "text"),
            With(Field("reason", "textarea"), "requiredWhen", new JsonObject { ["field"] = "decision", ["equals"] = "return" }));

        var problem = AssertSingleProblem("sample.json", "$.fields[1].requiredWhen.field");
        Assert.Contains("unknown field 'decision'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsRequiredWhenComparingWithAValueThatIsNotAnOption()
    {
        _folder.WriteForm(
            "sample",
            With(Field("decision", "choice"), "options", Options("accept", "return")),
            With(Field("reason", "textarea"), "requiredWhen", new JsonObject { ["field"] = "decision", ["equals"] = "refuse" }));

        var problem = AssertSingleProblem("sample.json", "$.fields[1].requiredWhen.equals");
        Assert.Contains("'refuse' is not one of the options of 'decision': accept, return", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsRequiredWhenComparingABooleanWithAString()
    {
        _folder.WriteForm(
            "sample",
            Field("verified", "boolean"),
            With(Field("remarks", "textarea"), "requiredWhen", new JsonObject { ["field"] = "verified", ["equals"] = "false" }));

        var problem = AssertSingleProblem("sample.json", "$.fields[1].requiredWhen.equals");
        Assert.Contains("compare it with true or false", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsAChoiceWithoutOptions()
    {
        _folder.WriteForm("sample", Field("decision", "choice"));

        var problem = AssertSingleProblem("sample.json", "$.fields[0].options");
        Assert.Contains("a choice field needs its options", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsOptionsOnAFieldThatIsNotAChoice()
    {
        _folder.WriteForm("sample", With(Field("note", "text"), "options", Options("a")));

        var problem = AssertSingleProblem("sample.json", "$.fields[0].options");
        Assert.Contains("options applies only to choice fields, not to a text field", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsALimitThatDoesNotApplyToTheType()
    {
        _folder.WriteForm("sample", With(Field("count", "number"), "maxLength", 5));

        var problem = AssertSingleProblem("sample.json", "$.fields[0].maxLength");
        Assert.Contains("maxLength applies only to text, textarea and caseNumber fields", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsMinGreaterThanMax()
    {
        _folder.WriteForm("sample", With(With(Field("count", "number"), "min", 5), "max", 1));

        var problem = AssertSingleProblem("sample.json", "$.fields[0].max");
        Assert.Contains("max (1) is less than min (5)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsAKeyThatDiffersFromTheFileName()
    {
        _folder.Write("accept.json", Form("acept", Field("note", "text")).ToJsonString());

        var problem = AssertSingleProblem("accept.json", "$.key");
        Assert.Contains("the key 'acept' differs from the file name 'accept.json'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsAMissingLabelTranslation()
    {
        var field = Field("note", "text");
        field["label"] = new JsonObject { ["zh"] = "备注" };
        _folder.WriteForm("sample", field);

        AssertSingleProblem("sample.json", "$.fields[0].label.en");
    }

    [Fact]
    public void Load_ReportsAMisspeltProperty()
    {
        _folder.WriteForm("sample", With(Field("note", "text"), "requierd", true));

        var problem = AssertSingleProblem("sample.json", "$.fields[0].requierd");
        Assert.Contains("line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsBadJson_WithItsLine()
    {
        _folder.Write("sample.json", "{\n  \"key\": \"sample\",\n  \"title\": { \"zh\": \"样例\" \"en\": \"Sample\" },\n  \"fields\": []\n}\n");

        var problem = Assert.Single(LoadProblems());
        Assert.Equal("sample.json", problem.File);
        Assert.StartsWith("line 3:", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReportsEveryProblemOfEveryFile_InOneException()
    {
        _folder.WriteForm("first", Field("when", "datetime"));
        _folder.WriteForm("second", Field("decision", "choice"));

        var exception = Assert.Throws<FormDefinitionException>(() => FormLoader.LoadFolder(_folder.Path));

        Assert.Equal(2, exception.Problems.Count);
        Assert.Contains("first.json $.fields[0].type: unknown field type 'datetime'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("second.json $.fields[0].options: a choice field needs its options", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Fails_ForAFolderThatDoesNotExist()
    {
        var exception = Assert.Throws<FormDefinitionException>(() => FormLoader.LoadFolder(Path.Combine(_folder.Path, "missing")));

        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
    }

    private static JsonObject With(JsonObject field, string property, JsonNode? value)
    {
        field[property] = value;
        return field;
    }

    private List<FormProblem> LoadProblems() =>
        [.. Assert.Throws<FormDefinitionException>(() => FormLoader.LoadFolder(_folder.Path)).Problems];

    private FormProblem AssertSingleProblem(string file, string path)
    {
        var problems = LoadProblems();
        var problem = Assert.Single(problems);
        Assert.Equal(file, problem.File);
        Assert.Equal(path, problem.Path);
        return problem;
    }
}
