using Tongguan.Cases.Cli;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Valid = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="t">
          <process id="handle" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handleTask" />
            <userTask id="handleTask" tg:candidateGroups="officer" tg:timeLimit="P5D" />
            <sequenceFlow id="f2" sourceRef="handleTask" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("tongguan-validate-").FullName;

    public void Dispose() => TempFolder.Delete(_folder);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int ExitCode, string[] Lines)> Run(params string[] arguments)
    {
        using var output = new StringWriter();
        var exitCode = await ValidateCommand.RunAsync(arguments, output, CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.DoesNotContain(lines, line => line.StartsWith("at ", StringComparison.Ordinal));
        return (exitCode, lines);
    }

    [Fact]
    public async Task RunAsync_PrintsOkAndReturnsZero_WhenEveryFileIsValid()
    {
        var path = Write("handle.bpmn", Valid);

        var (exitCode, lines) = await Run(path);

        Assert.Equal(0, exitCode);
        Assert.Equal([$"{path} OK"], lines);
    }

    [Fact]
    public async Task RunAsync_PrintsEachProblemWithPosition_AndReturnsOne_WhenAFileIsInvalid()
    {
        var path = Write("broken.bpmn", Valid
            .Replace("""<userTask id="handleTask" tg:candidateGroups="officer" tg:timeLimit="P5D" />""", """<serviceTask id="handleTask" />""", StringComparison.Ordinal));

        var (exitCode, lines) = await Run(path);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{path} FAILED (1 error, 0 warnings)", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{path}:5:", lines[1], StringComparison.Ordinal);
        Assert.Contains(": error TG0302 handleTask: Service task 'handleTask' has no tg:handler", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrintsWarningsAfterOk_AndReturnsZero()
    {
        var path = Write("warn.bpmn", Valid.Replace(" tg:candidateGroups=\"officer\"", "", StringComparison.Ordinal));

        var (exitCode, lines) = await Run(path);

        Assert.Equal(0, exitCode);
        Assert.Equal($"{path} OK (1 warning)", lines[0]);
        Assert.Matches(@":5:\d+: warning TG0301 handleTask: ", lines[1]);
    }

    [Fact]
    public async Task RunAsync_ReportsMalformedXmlAsAProblem()
    {
        var path = Write("malformed.bpmn", "<definitions><process>");

        var (exitCode, lines) = await Run(path);

        Assert.Equal(1, exitCode);
        Assert.Contains(lines, line => line.Contains(": error TG0001: The file is not well-formed XML", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ReportsMissingFileAsAProblemLine_AndReturnsTwo_EvenWhenOtherFilesAreInvalid()
    {
        var missing = Path.Combine(_folder, "nowhere.bpmn");
        var invalid = Write("empty.bpmn", "<definitions/>");

        var (exitCode, lines) = await Run(invalid, missing);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{missing}: error {ValidateCommand.FileNotFoundCode}: File not found. Check the path.", lines);
        Assert.Contains(lines, line => line.StartsWith($"{invalid} FAILED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ValidatesEveryBpmnFileBelowAFolder()
    {
        var first = Write("a/one.bpmn", Valid);
        var second = Write("b/c/two.bpmn", Valid);
        Write("b/readme.txt", "not a process");

        var (exitCode, lines) = await Run(_folder);

        Assert.Equal(0, exitCode);
        Assert.Equal([$"{first} OK", $"{second} OK"], lines);
    }

    [Theory]
    [InlineData]
    [InlineData("--strict", "x.bpmn")]
    public async Task RunAsync_PrintsUsageAndReturnsTwo_ForUsageErrors(params string[] arguments)
    {
        var (exitCode, lines) = await Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(lines, line => line.StartsWith("Usage: Tongguan.Cases validate", StringComparison.Ordinal));
    }

    [Fact]
    public void Format_LeavesOutUnknownPositionAndElement()
    {
        var problem = new Tongguan.Workflows.Parsing.BpmnProblem(
            Tongguan.Workflows.Parsing.ProblemSeverity.Error, "TG0101", "No process.\nAdd one.", null, null, 0, 0);

        Assert.Equal("f.bpmn: error TG0101: No process. Add one.", ValidateCommand.Format("f.bpmn", problem));
    }
}
