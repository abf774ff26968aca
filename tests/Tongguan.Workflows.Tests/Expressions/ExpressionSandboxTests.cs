using System.Diagnostics;
using System.Text.Json.Nodes;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Expressions;

namespace Tongguan.Workflows.Tests.Expressions;

public sealed class ExpressionSandboxTests
{
    private static readonly JsonObject Variables = JsonNode.Parse("""{"amount":12,"name":"road","tags":["a","b"],"address":{"street":"Main"}}""")!.AsObject();

    [Fact]
    public void Evaluate_SeesVariablesAsJavaScriptValues()
    {
        var sandbox = new ExpressionSandbox();

        var result = sandbox.Evaluate("n", "({ total: amount * 2, street: address.street, count: tags.length, label: name.toUpperCase() })", Variables);

        Assert.Equal("""{"total":24,"street":"Main","count":2,"label":"ROAD"}""", result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_LocalsShadowProcessVariables()
    {
        var sandbox = new ExpressionSandbox();

        var result = sandbox.EvaluateCondition("n", "name === 'water' && amount === 12", Variables, [new JsonObject { ["name"] = "water" }]);

        Assert.True(result);
    }

    [Fact]
    public void RunScript_SetVariableCallsBack()
    {
        var sandbox = new ExpressionSandbox();
        var written = new Dictionary<string, JsonNode?>();

        var result = sandbox.RunScript("s", "var x = amount + 1; setVariable('x', { value: x }); x", Variables, null, (n, v) => written[n] = v);

        Assert.Equal(13, result!.GetValue<long>());
        Assert.Equal("""{"value":13}""", written["x"]!.ToJsonString());
    }

    [Fact]
    public void InfiniteLoop_TimesOut()
    {
        var sandbox = new ExpressionSandbox(SandboxLimits.Default with { MaxStatements = int.MaxValue });
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("loop", "while (true) {}", Variables));

        Assert.Contains("timed out", error.Reason, StringComparison.Ordinal);
        Assert.Equal("loop", error.NodeId);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void StatementLimit_StopsLongScripts()
    {
        var sandbox = new ExpressionSandbox(SandboxLimits.Default with { MaxStatements = 1000, Timeout = TimeSpan.FromSeconds(30) });

        var error = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("n", "for (let i = 0; i < 100000; i++) { }", Variables));

        Assert.Contains("statements", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepRecursion_IsStopped()
    {
        var sandbox = new ExpressionSandbox();

        var error = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("n", "function f(n) { return f(n + 1); } f(0)", Variables));

        Assert.Contains("recursion", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryHog_IsStopped()
    {
        var sandbox = new ExpressionSandbox(SandboxLimits.Default with { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(30) });

        var error = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("n", "const a = []; while (true) { a.push('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' + a.length); }", Variables));

        Assert.Contains("memory", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("undeclared = 1")]
    public void ClrAccessAndSloppyGlobals_AreRejected(string expression)
    {
        var sandbox = new ExpressionSandbox();

        var error = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("n", expression, Variables));

        Assert.Contains("not defined", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxError_IsExpressionException_AndCheckSyntaxReportsIt()
    {
        var sandbox = new ExpressionSandbox();

        var error = Assert.Throws<ExpressionException>(() => sandbox.Evaluate("gw", "amount >", Variables));

        Assert.Contains("syntax", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(ExpressionSandbox.CheckSyntax("amount >"));
        Assert.Null(ExpressionSandbox.CheckSyntax("amount > 3 && name === 'road'"));
    }

    [Fact]
    public void Evaluations_DoNotLeakGlobalsBetweenCalls()
    {
        var sandbox = new ExpressionSandbox();
        sandbox.RunScript("s", "var leaked = 1;", Variables, null, (_, _) => { });

        var result = sandbox.Evaluate("n", "typeof leaked", Variables);

        Assert.Equal("undefined", result!.GetValue<string>());
    }

    [Fact]
    public void PooledConditions_DoNotSeeVariablesOfEarlierEvaluations()
    {
        var sandbox = new ExpressionSandbox();
        Assert.True(sandbox.EvaluateCondition("n", "secret > 1", new JsonObject { ["secret"] = 5 }));

        var error = Assert.Throws<ExpressionException>(() => sandbox.EvaluateCondition("n", "secret > 1", []));

        Assert.Contains("not defined", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PooledConditions_KeepTheirFullTimeBudgetOnEveryEvaluation()
    {
        var sandbox = new ExpressionSandbox(SandboxLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) });
        Assert.True(sandbox.EvaluateCondition("n", "amount > 1", Variables));

        await Task.Delay(TimeSpan.FromMilliseconds(250));

        Assert.True(sandbox.EvaluateCondition("n", "amount > 1", Variables));
    }
}
