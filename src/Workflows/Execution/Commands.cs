using System.Text.Json.Nodes;

namespace Tongguan.Workflows.Execution;

/// <summary>Who did something and in which business context; recorded in the journal.</summary>
/// <param name="Id">User id, or <c>system</c> for the engine itself.</param>
/// <param name="DisplayName">The name shown in timelines.</param>
public sealed record Actor(string Id, string? DisplayName = null)
{
    public static readonly Actor System = new("system", "Tongguan");
}

/// <summary>A command that moves a waiting instance on.</summary>
public abstract record ResumeCommand(string BookmarkId, Actor Actor);

/// <summary>Completes a user task; <paramref name="Output"/> is merged into the process variables.</summary>
public sealed record CompleteUserTask(string BookmarkId, Actor Actor, JsonObject? Output = null) : ResumeCommand(BookmarkId, Actor);

/// <summary>Delivers a message to a message bookmark (catch event, receive task, boundary, event gateway).</summary>
public sealed record DeliverMessage(string BookmarkId, Actor Actor, JsonObject? Payload = null) : ResumeCommand(BookmarkId, Actor);

/// <summary>Fires a due timer bookmark.</summary>
public sealed record FireTimer(string BookmarkId, Actor Actor) : ResumeCommand(BookmarkId, Actor);

/// <summary>An async service task's job succeeded; <paramref name="Output"/> is merged into the variables.</summary>
public sealed record CompleteJob(string BookmarkId, Actor Actor, JsonObject? Output = null) : ResumeCommand(BookmarkId, Actor);

/// <summary>An async service task's job threw a BPMN error (business error, caught by error boundaries).</summary>
public sealed record FailJobWithError(string BookmarkId, Actor Actor, string ErrorCode, string? Message = null) : ResumeCommand(BookmarkId, Actor);

/// <summary>A call activity's child instance completed; its variables flow back into the parent.</summary>
public sealed record CompleteChild(string BookmarkId, Actor Actor, JsonObject? Output = null) : ResumeCommand(BookmarkId, Actor);

/// <summary>A call activity's child instance ended with an uncaught BPMN error, rethrown at the call activity.</summary>
public sealed record FailChild(string BookmarkId, Actor Actor, string ErrorCode, string? Message = null) : ResumeCommand(BookmarkId, Actor);
