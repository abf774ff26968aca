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
internal sealed class CaseStepHandler(string name, Func<JsonObject, JsonObject> step) : IServiceTaskHandler
{
    public string Name => name;

    public ValueTask<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<JsonObject?>(step(context.Variables));
    }

    public static JsonObject Status(CaseStatus status) => new() { [CaseVariables.Status] = status.ToString() };

    /// <summary>The handlers of the status-only and counting steps; routing and escalation have their own classes.</summary>
    public static IEnumerable<IServiceTaskHandler> Create(IOptions<CaseOptions> options)
    {
        yield return new CaseStepHandler("case.file", _ => Status(CaseStatus.Filed));
        yield return new CaseStepHandler("case.reject", _ => Status(CaseStatus.Rejected));
        yield return new CaseStepHandler("case.merge", _ => Status(CaseStatus.Merged));
        yield return new CaseStepHandler("case.accepted", _ => Status(CaseStatus.Handling));
        yield return new CaseStepHandler("case.returned", variables =>
        {
            var returns = CaseVariables.Count(variables, CaseVariables.ReturnCount) + 1;
            var result = Status(CaseStatus.Filed);
            result[CaseVariables.ReturnCount] = returns;
            result[CaseVariables.Disputed] = returns >= options.Value.ReturnsBeforeDispute;
            return result;
        });
        yield return new CaseStepHandler("case.handled", _ => Status(CaseStatus.Verifying));
        yield return new CaseStepHandler("case.rework", variables =>
        {
            var result = Status(CaseStatus.Handling);
            result[CaseVariables.ReworkCount] = CaseVariables.Count(variables, CaseVariables.ReworkCount) + 1;
            return result;
        });
        yield return new CaseStepHandler("case.close", _ => Status(CaseStatus.Closed));
        yield return new CaseStepHandler("case.rated", _ => Status(CaseStatus.Closed));
        yield return new CaseStepHandler("case.reopen", variables =>
        {
            var result = Status(CaseStatus.Handling);
            result[CaseVariables.ReopenCount] = CaseVariables.Count(variables, CaseVariables.ReopenCount) + 1;
            return result;
        });
    }
}
