using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Tongguan.Cases.Model;
using Tongguan.Workflows.Execution;

namespace Tongguan.Cases.Lifecycle;

/// <summary>
/// A case step as a service task handler: a pure function of the process variables that returns the variables it
/// changes (above all <see cref="CaseVariables.Status"/>). The case row follows through <see cref="CaseProjection"/>,
/// in the same transaction, so handlers never touch the database and are safe to run again.
/// </summary>
internal sealed class CaseStepHandler(string name, Func<JsonObject, CaseOptions, JsonObject> step, IOptions<CaseOptions> options) : IServiceTaskHandler
{
    /// <summary>The status-only and counting steps by handler name; routing and escalation have their own classes.</summary>
    public static IReadOnlyDictionary<string, Func<JsonObject, CaseOptions, JsonObject>> Steps { get; } =
        new Dictionary<string, Func<JsonObject, CaseOptions, JsonObject>>(StringComparer.Ordinal)
        {
            ["case.file"] = (_, _) => Status(CaseStatus.Filed),
            ["case.reject"] = (_, _) => Status(CaseStatus.Rejected),
            ["case.merge"] = (_, _) => Status(CaseStatus.Merged),
            ["case.accepted"] = (_, _) => Status(CaseStatus.Handling),
            ["case.returned"] = (variables, settings) =>
            {
                var returns = CaseVariables.Count(variables, CaseVariables.ReturnCount) + 1;
                var result = Status(CaseStatus.Filed);
                result[CaseVariables.ReturnCount] = returns;
                result[CaseVariables.Disputed] = returns >= settings.ReturnsBeforeDispute;
                return result;
            },
            ["case.handled"] = (_, _) => Status(CaseStatus.Verifying),
            ["case.rework"] = (variables, _) => Counted(CaseStatus.Handling, variables, CaseVariables.ReworkCount),
            ["case.close"] = (_, _) => Status(CaseStatus.Closed),
            ["case.rated"] = (_, _) => Status(CaseStatus.Closed),
            ["case.reopen"] = (variables, _) => Counted(CaseStatus.Handling, variables, CaseVariables.ReopenCount),
        };

    public string Name => name;

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<JsonObject?>(step(context.Variables, options.Value));
    }

    public static JsonObject Status(CaseStatus status) => new() { [CaseVariables.Status] = status.ToString() };

    private static JsonObject Counted(CaseStatus status, JsonObject variables, string counter)
    {
        var result = Status(status);
        result[counter] = CaseVariables.Count(variables, counter) + 1;
        return result;
    }
}
