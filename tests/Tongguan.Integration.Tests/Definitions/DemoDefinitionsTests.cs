using Tongguan.Cases.Hosting;
using Tongguan.Workflows.Validation;

namespace Tongguan.Integration.Tests.Definitions;

/// <summary>The processes shipped in definitions/ are loaded at start-up, so each must pass validation cleanly.</summary>
public sealed class DemoDefinitionsTests
{
    private static string[] FileNames() =>
        [.. Directory.EnumerateFiles(DefinitionsFolder.FindDefault(AppContext.BaseDirectory)!, "*.bpmn")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!];

    public static TheoryData<string> DefinitionFiles() => new(FileNames());

    [Fact]
    public void DefinitionsFolder_HoldsTheDemoProcesses()
    {
        Assert.Contains("report-handling.bpmn", FileNames());
        Assert.Contains("citizen-callback.bpmn", FileNames());
    }

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public async Task DemoDefinition_HasNoProblems(string fileName)
    {
        var path = Path.Combine(DefinitionsFolder.FindDefault(AppContext.BaseDirectory)!, fileName);
        var xml = await File.ReadAllTextAsync(path);

        var result = BpmnValidator.ValidateXml(xml, fileName);

        Assert.True(result.Problems.Count == 0, string.Join(Environment.NewLine, result.Problems));
        Assert.Single(result.Document.Processes, p => p.IsExecutable);
    }
}
