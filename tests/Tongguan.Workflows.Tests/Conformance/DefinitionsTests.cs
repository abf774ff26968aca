using Tongguan.Workflows.Validation;
using Xunit.Abstractions;

namespace Tongguan.Workflows.Tests.Conformance;

/// <summary>The processes the city runs (definitions/**/*.bpmn) must always validate without errors.</summary>
public sealed class DefinitionsTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryDefinition_IsValid()
    {
        var folder = RepositoryPaths.Definitions;
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "Tongguan.slnx")));

        // definitions/ arrives with the first process; until then there is nothing to check, not a failure.
        var files = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        output.WriteLine($"{files.Count} definition file(s) under {folder}");

        var failures = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
            var result = BpmnValidator.ValidateXml(File.ReadAllText(file), relative);
            output.WriteLine($"{relative}: {(result.IsValid ? "OK" : "INVALID")}");
            foreach (var problem in result.Problems)
            {
                output.WriteLine($"  {problem}");
            }

            if (!result.IsValid)
            {
                failures.Add($"{relative}:\n  {string.Join("\n  ", result.Errors)}");
            }
        }

        Assert.True(failures.Count == 0, "Invalid definitions:\n" + string.Join("\n", failures));
    }
}
