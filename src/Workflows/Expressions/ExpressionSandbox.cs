using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Tongguan.Workflows.Execution;

namespace Tongguan.Workflows.Expressions;

/// <summary>
/// Evaluates JavaScript expressions and scripts over process variables with Jint, sandboxed: strict mode,
/// no CLR access, and time, memory, recursion and statement limits (<see cref="SandboxLimits"/>).
/// </summary>
/// <remarks>
/// Thread-safe: parsed programs are cached by text and shared. Scripts, and expressions that could change
/// anything (assignments, calls, functions…), run on a fresh Jint engine each time so nothing leaks between
/// instances; side-effect-free expressions — the usual gateway conditions — reuse pooled engines, their
/// variables removed again afterwards, because creating an engine costs more than evaluating a condition.
/// Only the variables a program actually references are converted to JavaScript values.
/// Any failure — syntax, runtime error, limit — surfaces as <see cref="ExpressionException"/> naming the node.
/// </remarks>
public sealed class ExpressionSandbox
{
    private const int MaxCachedPrograms = 10_000;

    private static readonly ScriptPreparationOptions PreparationOptions = new() { CollectReferencedGlobals = true };

    private const int MaxPooledEngines = 16;

    private readonly ConcurrentDictionary<string, CachedProgram> _programs = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Engine> _pureEngines = [];
    private readonly SandboxLimits _limits;

    public ExpressionSandbox(SandboxLimits? limits = null)
    {
        _limits = limits ?? SandboxLimits.Default;
    }

    /// <summary>The limits every evaluation runs under.</summary>
    public SandboxLimits Limits => _limits;

    /// <summary>Returns null when <paramref name="expression"/> parses as strict-mode JavaScript, else the syntax error.</summary>
    public static string? CheckSyntax(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        try
        {
            _ = Engine.PrepareScript(expression, source: null, strict: true);
            return null;
        }
        catch (Acornima.SyntaxErrorException ex)
        {
            return ex.Message;
        }
        catch (ScriptPreparationException ex)
        {
            return ex.InnerException?.Message ?? ex.Message;
        }
        catch (JintException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Evaluates an expression and returns its value as JSON (null for null/undefined).</summary>
    /// <param name="nodeId">The node owning the expression, for error messages.</param>
    /// <param name="expression">JavaScript expression (already unwrapped from <c>${…}</c>).</param>
    /// <param name="variables">Process variables.</param>
    /// <param name="locals">Execution-local variables, outermost first; inner ones shadow outer ones and the process variables.</param>
    public JsonNode? Evaluate(string? nodeId, string expression, JsonObject variables, IReadOnlyList<JsonObject>? locals = null) =>
        Run(nodeId, expression, variables, locals, setVariable: null, static value => JsonJsBridge.ToJson(value));

    /// <summary>Evaluates a condition with JavaScript truthiness.</summary>
    public bool EvaluateCondition(string? nodeId, string expression, JsonObject variables, IReadOnlyList<JsonObject>? locals = null) =>
        Run(nodeId, expression, variables, locals, setVariable: null, static value => TypeConverter.ToBoolean(value));

    /// <summary>
    /// Runs a script. <c>setVariable(name, value)</c> is available to it and calls <paramref name="setVariable"/>;
    /// the script's completion value is returned as JSON.
    /// </summary>
    public JsonNode? RunScript(string? nodeId, string script, JsonObject variables, IReadOnlyList<JsonObject>? locals, Action<string, JsonNode?> setVariable)
    {
        ArgumentNullException.ThrowIfNull(setVariable);
        return Run(nodeId, script, variables, locals, setVariable, static value => JsonJsBridge.ToJson(value));
    }

    private T Run<T>(string? nodeId, string code, JsonObject variables, IReadOnlyList<JsonObject>? locals, Action<string, JsonNode?>? setVariable, Func<JsValue, T> convert)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(variables);
        var cached = Prepare(nodeId, code);
        var program = cached.Program;
        var pooled = setVariable is null && cached.IsPure;
        Engine? engine = null;
        var reusable = false;
        try
        {
            engine = pooled && _pureEngines.TryTake(out var rented) ? rented : CreateEngine();
            Bind(engine, program, variables, locals);
            if (setVariable is not null)
            {
                engine.SetValue("setVariable", new ClrFunction(engine, "setVariable", (_, arguments) =>
                {
                    if (arguments.Length == 0 || !arguments[0].IsString())
                    {
                        throw new JavaScriptException(engine.Intrinsics.TypeError, "setVariable(name, value) needs a string name");
                    }

                    setVariable(arguments[0].AsString(), arguments.Length > 1 ? JsonJsBridge.ToJson(arguments[1]) : null);
                    return JsValue.Undefined;
                }));
            }

            var result = convert(engine.Evaluate(program));
            reusable = pooled;
            return result;
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException(nodeId, code, ex.Message, ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException(nodeId, code, "memory limit exceeded", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException(nodeId, code, "recursion too deep", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException(nodeId, code, "too many statements executed", ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException(nodeId, code, $"timed out after {_limits.Timeout.TotalMilliseconds} ms", ex);
        }
        catch (JintException ex)
        {
            throw new ExpressionException(nodeId, code, ex.Message, ex);
        }
        catch (Acornima.SyntaxErrorException ex)
        {
            throw new ExpressionException(nodeId, code, "syntax error: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ExpressionException(nodeId, code, ex.Message, ex);
        }
        finally
        {
            if (reusable && engine is not null && _pureEngines.Count < MaxPooledEngines)
            {
                Unbind(engine, program, variables, locals);
                _pureEngines.Add(engine);
            }
        }
    }

    private Engine CreateEngine() =>
        new(options => options
            .Strict()
            .LimitRecursion(_limits.RecursionDepth)
            .LimitMemory(_limits.MemoryBytes)
            .TimeoutInterval(_limits.Timeout)
            .MaxStatements(_limits.MaxStatements));

    private CachedProgram Prepare(string? nodeId, string code)
    {
        if (_programs.TryGetValue(code, out var cached))
        {
            return cached;
        }

        Prepared<Script> program;
        try
        {
            program = Engine.PrepareScript(code, source: nodeId, strict: true, PreparationOptions);
        }
        catch (Acornima.SyntaxErrorException ex)
        {
            throw new ExpressionException(nodeId, code, "syntax error: " + ex.Message, ex);
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionException(nodeId, code, "syntax error: " + (ex.InnerException?.Message ?? ex.Message), ex);
        }
        catch (JintException ex)
        {
            throw new ExpressionException(nodeId, code, ex.Message, ex);
        }

        var referenced = program.ReferencedGlobals;
        cached = new CachedProgram(program, referenced is not null && !referenced.HasDirectEvalCall && program.Program is { } ast && IsPure(ast));
        if (_programs.Count < MaxCachedPrograms)
        {
            _programs.TryAdd(code, cached);
        }

        return cached;
    }

    /// <summary>
    /// True when the program can only read: a single expression built from literals, names, member access and
    /// operators — no assignment, call, function, <c>new</c> or <c>delete</c> — so it cannot change the engine it runs on.
    /// </summary>
    private static bool IsPure(Script script)
    {
        if (script.Body.Count != 1 || script.Body[0] is not ExpressionStatement)
        {
            return false;
        }

        var pending = new Stack<Node>();
        pending.Push(script.Body[0]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            switch (node)
            {
                case ExpressionStatement or Identifier or Literal or MemberExpression or ConditionalExpression
                    or BinaryExpression or ArrayExpression or TemplateLiteral or TemplateElement or ChainExpression:
                    break;
                case UnaryExpression unary when unary.Operator != Acornima.Operator.Delete:
                    break;
                case ObjectExpression:
                    break;
                case Property { Kind: PropertyKind.Init, Method: false }:
                    break;
                default:
                    return false;
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }

        return true;
    }

    private static void Unbind(Engine engine, Prepared<Script> program, JsonObject variables, IReadOnlyList<JsonObject>? locals)
    {
        foreach (var name in program.ReferencedGlobals!)
        {
            if (TryLookup(name, variables, locals, out _))
            {
                engine.Global.RemoveOwnProperty(name);
            }
        }
    }

    private sealed record CachedProgram(Prepared<Script> Program, bool IsPure);

    private static void Bind(Engine engine, Prepared<Script> program, JsonObject variables, IReadOnlyList<JsonObject>? locals)
    {
        var referenced = program.ReferencedGlobals;
        if (referenced is null || referenced.HasDirectEvalCall)
        {
            foreach (var (name, _) in variables)
            {
                engine.SetValue(name, JsonJsBridge.ToJs(engine, Lookup(name, variables, locals)));
            }

            if (locals is not null)
            {
                foreach (var layer in locals)
                {
                    foreach (var (name, _) in layer)
                    {
                        engine.SetValue(name, JsonJsBridge.ToJs(engine, Lookup(name, variables, locals)));
                    }
                }
            }

            return;
        }

        foreach (var name in referenced)
        {
            if (TryLookup(name, variables, locals, out var value))
            {
                engine.SetValue(name, JsonJsBridge.ToJs(engine, value));
            }
        }
    }

    private static JsonNode? Lookup(string name, JsonObject variables, IReadOnlyList<JsonObject>? locals) =>
        TryLookup(name, variables, locals, out var value) ? value : null;

    private static bool TryLookup(string name, JsonObject variables, IReadOnlyList<JsonObject>? locals, out JsonNode? value)
    {
        if (locals is not null)
        {
            for (var i = locals.Count - 1; i >= 0; i--)
            {
                if (locals[i].TryGetPropertyValue(name, out value))
                {
                    return true;
                }
            }
        }

        return variables.TryGetPropertyValue(name, out value);
    }
}
