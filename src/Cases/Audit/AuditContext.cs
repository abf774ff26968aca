using System.Diagnostics;
using Tongguan.Designer;

namespace Tongguan.Cases.Audit;

/// <summary>
/// Who and what the current audit entries belong to: the request's actor (<see cref="RequestActor.GetActor"/>) and
/// trace id, or <see cref="System"/> and the current activity's trace id outside a request (timers, deadline sweeps).
/// </summary>
public sealed class AuditContext(IHttpContextAccessor accessor, TimeProvider timeProvider)
{
    /// <summary>The actor of work no person started (engine timers, deadline sweeps, start-up).</summary>
    public const string System = "system";

    public string Actor => accessor.HttpContext is { } context ? context.GetActor().Id : System;

    public string? CorrelationId =>
        Activity.Current?.TraceId.ToString() is { } trace && trace != default(ActivityTraceId).ToString()
            ? trace
            : accessor.HttpContext?.TraceIdentifier;

    /// <summary>A new, unsealed entry stamped with the actor, the time and the correlation id.</summary>
    public AuditEntry Entry(string action, string subjectType, string subjectId, string? before, string? after) => new()
    {
        At = timeProvider.GetUtcNow(),
        Actor = Truncate(Actor, 200),
        Action = action,
        SubjectType = subjectType,
        SubjectId = Truncate(subjectId, 300),
        Before = before,
        After = after,
        CorrelationId = CorrelationId is { } id ? Truncate(id, 100) : null,
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
