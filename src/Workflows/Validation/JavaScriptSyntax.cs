using Acornima;

namespace Tongguan.Workflows.Validation;

/// <summary>
/// Checks that expressions and scripts parse as JavaScript, with the same parser Jint runs them with.
/// Expressions may be wrapped in <c>${...}</c> as in Camunda and Flowable; the wrapper is removed first.
/// </summary>
public static class JavaScriptSyntax
{
    /// <summary>A syntax error: what is wrong and where, 1-based, inside the expression text.</summary>
    public sealed record SyntaxError(string Description, int Line, int Column);

    /// <summary>Removes a <c>${...}</c> (or Camunda's <c>#{...}</c>) wrapper around the whole text, if there is one.</summary>
    public static string Unwrap(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var trimmed = expression.Trim();
        return IsWrapped(trimmed) ? trimmed[2..^1].Trim() : trimmed;
    }

    /// <summary>True when the text is wrapped in <c>${...}</c> or <c>#{...}</c>, i.e. meant as an expression rather than a literal.</summary>
    public static bool IsWrapped(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.Length >= 3 && trimmed[0] is '$' or '#' && trimmed[1] == '{' && trimmed[^1] == '}';
    }

    /// <summary>Parses one JavaScript expression (after removing a <c>${...}</c> wrapper); null when it is valid.</summary>
    public static SyntaxError? CheckExpression(string expression) =>
        Check(() => new Parser().ParseExpression(Unwrap(expression)));

    /// <summary>Parses a JavaScript script (statements); null when it is valid.</summary>
    public static SyntaxError? CheckScript(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return Check(() => new Parser().ParseScript(script));
    }

    private static SyntaxError? Check(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ParseErrorException ex)
        {
            // Acornima counts columns from 0; designers and editors count from 1.
            return new SyntaxError(ex.Error?.Description ?? ex.Message, ex.LineNumber, ex.Column + 1);
        }
    }
}
