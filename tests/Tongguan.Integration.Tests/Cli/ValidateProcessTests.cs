using System.Diagnostics;
using Tongguan.Cases.Hosting;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Cli;

/// <summary>The command as a user runs it: a separate process, paths relative to the shell's folder.</summary>
public sealed class ValidateProcessTests
{
    private static async Task<(int ExitCode, string Output)> RunHostAsync(string workingDirectory, string shellDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tongguan.Cases.dll"));
        start.ArgumentList.Add("validate");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PWD"] = shellDirectory;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output + error);
    }

    [Fact]
    public async Task Validate_ResolvesRelativePathsFromTheShellFolder_WhenStartedInAnotherFolder()
    {
        var repositoryRoot = Path.GetDirectoryName(DefinitionsFolder.FindDefault(AppContext.BaseDirectory)!)!;

        var (exitCode, output) = await RunHostAsync(AppContext.BaseDirectory, repositoryRoot, "definitions");

        Assert.Equal(0, exitCode);
        Assert.Contains("definitions/report-handling.bpmn OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_PrintsOneLinePerProblemAndNoStackTrace_ForGarbageAndMissingFiles()
    {
        var folder = Directory.CreateTempSubdirectory("tongguan-validate-process-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "garbage.bpmn"), "<definitions><process");

            var (exitCode, output) = await RunHostAsync(AppContext.BaseDirectory, folder, "garbage.bpmn", "missing.bpmn");

            Assert.Equal(2, exitCode);
            Assert.Contains("garbage.bpmn FAILED", output, StringComparison.Ordinal);
            Assert.Contains("missing.bpmn: error TG0901", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }
}
