using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Validation;

namespace Tongguan.Cases.Cli;

/// <summary>
/// <c>validate FILE|FOLDER...</c>: reads and validates BPMN files the way publishing would, for designers and CI.
/// </summary>
/// <remarks>
/// Output, one block per file (documented in docs/designers/bpmn-reference.md):
/// <code>
/// path OK
/// path FAILED (2 errors, 1 warning)
/// path:line:column: error CODE element-id: message
/// </code>
/// Warnings of a valid file follow its OK line. Exit code 0 when every file is valid, 1 when any file has errors,
/// 2 for usage errors and files that cannot be read (those take precedence). Never prints a stack trace.
/// </remarks>
public static class ValidateCommand
{
    public const int ExitValid = 0;
    public const int ExitInvalid = 1;
    public const int ExitUsage = 2;

    /// <summary>The file could not be found.</summary>
    public const string FileNotFoundCode = "TG0901";

    /// <summary>The file exists but could not be read.</summary>
    public const string FileUnreadableCode = "TG0902";

    /// <summary>Reading or validating the file failed unexpectedly: a bug in Tongguan, not in the file.</summary>
    public const string InternalErrorCode = "TG0903";

    public const string Usage = """
        Usage: Tongguan.Cases validate FILE|FOLDER...
          Reads and validates BPMN 2.0 files as publishing would. A folder means every *.bpmn below it.
          Prints "PATH OK" for a valid file, or "PATH FAILED (...)" followed by one line per problem:
            PATH:LINE:COLUMN: error|warning CODE ELEMENT-ID: MESSAGE
          Exit code: 0 all valid, 1 some file has errors, 2 usage error or unreadable file.
        """;

    public static async Task<int> RunAsync(string[] files, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);

        if (files.Length == 1 && files[0] is "-h" or "--help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitValid;
        }

        var option = files.FirstOrDefault(f => f.StartsWith('-'));
        if (files.Length == 0 || option is not null)
        {
            if (option is not null)
            {
                await output.WriteLineAsync($"validate: unknown option '{option}'.").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync("validate: no file given.").ConfigureAwait(false);
            }

            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitUsage;
        }

        var exitCode = ExitValid;
        foreach (var path in Expand(files))
        {
            ct.ThrowIfCancellationRequested();
            var fileExit = await ValidateFileAsync(path, output, ct).ConfigureAwait(false);
            exitCode = Math.Max(exitCode, fileExit);
        }

        return exitCode;
    }

    /// <summary>Folders become the BPMN files below them, in a stable order; anything else is passed on as given.</summary>
    private static IEnumerable<string> Expand(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                foreach (var file in Directory.EnumerateFiles(argument, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return argument;
            }
        }
    }

    private static async Task<int> ValidateFileAsync(string path, TextWriter output, CancellationToken ct)
    {
        string xml;
        try
        {
            xml = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            await WriteFailureAsync(output, path, FileNotFoundCode, "File not found. Check the path.").ConfigureAwait(false);
            return ExitUsage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            await WriteFailureAsync(output, path, FileUnreadableCode, $"The file cannot be read: {ex.Message}").ConfigureAwait(false);
            return ExitUsage;
        }

        ValidationResult result;
        try
        {
            result = BpmnValidator.ValidateXml(xml, path);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reader and validator promise not to throw for bad input; if they do anyway, say so in one line.
            await WriteFailureAsync(output, path, InternalErrorCode, $"Tongguan failed to check this file ({ex.GetType().Name}: {ex.Message}). Please report it.").ConfigureAwait(false);
            return ExitUsage;
        }

        var errors = result.Problems.Count(p => p.IsError);
        var warnings = result.Problems.Count - errors;
        var header = result.IsValid
            ? warnings == 0 ? $"{path} OK" : $"{path} OK ({Count(warnings, "warning")})"
            : $"{path} FAILED ({Count(errors, "error")}, {Count(warnings, "warning")})";
        await output.WriteLineAsync(header).ConfigureAwait(false);
        foreach (var problem in result.Problems)
        {
            await output.WriteLineAsync(Format(path, problem)).ConfigureAwait(false);
        }

        return result.IsValid ? ExitValid : ExitInvalid;
    }

    /// <summary>One problem as <c>path:line:column: severity CODE element-id: message</c>; the position and
    /// element id are left out when unknown.</summary>
    public static string Format(string path, BpmnProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var where = problem.Line > 0 ? $"{path}:{problem.Line}:{problem.Column}" : path;
        var severity = problem.IsError ? "error" : "warning";
        var element = problem.ElementId is null ? "" : " " + problem.ElementId;
        var message = string.Join(' ', problem.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return $"{where}: {severity} {problem.Code}{element}: {message}";
    }

    private static async Task WriteFailureAsync(TextWriter output, string path, string code, string message)
    {
        await output.WriteLineAsync($"{path} FAILED (file could not be checked)").ConfigureAwait(false);
        await output.WriteLineAsync($"{path}: error {code}: {message}").ConfigureAwait(false);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
