using System.Diagnostics;
using System.Text.Json;

namespace Tongguan.Bench.InMemory;

/// <summary>What bench/node/five-steps.mjs prints.</summary>
public sealed record BpmnEngineResult(string Engine, string Version, string Node, int Rounds, double SecondsPerRound,
    int Instances, double InstancesPerSecond, IReadOnlyList<double> InstancesPerSecondRounds);

/// <summary>
/// Runs the same five-steps.bpmn on bpmn-engine (Node.js) as a child process, so that its number comes from the
/// same run, on the same machine state, as the .NET engines'.
/// </summary>
public static class BpmnEngineRunner
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<BpmnEngineResult> RunAsync(string nodeFolder, double secondsPerRound, int rounds, CancellationToken cancellationToken)
    {
        // npm ci installs exactly the committed lockfile; it also proves the lockfile is complete.
        await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], nodeFolder, cancellationToken).ConfigureAwait(false);
        var output = await RunAsync(
            "node",
            ["five-steps.mjs", "--seconds", secondsPerRound.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--warmup-seconds", "2", "--rounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            nodeFolder,
            cancellationToken).ConfigureAwait(false);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        return JsonSerializer.Deserialize<BpmnEngineResult>(last, Json)
            ?? throw new InvalidOperationException($"bpmn-engine printed no result: {output}");
    }

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Console.WriteLine($"[bench] {workingDirectory}$ {fileName} {string.Join(' ', arguments)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{errors}\n{output}");
        }

        return output;
    }
}
