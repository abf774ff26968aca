using System.Text.Json.Nodes;

namespace Tongguan.Designer.UI.Api;

/// <summary>
/// The read side of the engine's instance API (<c>/api/process-instances</c>, policy <c>engine</c>) as the editor needs
/// it for the read-only instance view. Shapes mirror the API's JSON; the pages never reach the engine directly.
/// </summary>
public interface IProcessInstancesClient
{
    /// <summary>The newest instances of <paramref name="definitionKey"/> (any status), at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<InstanceSummaryView>> ListAsync(string definitionKey, int take, CancellationToken cancellationToken);

    /// <summary>One instance with where its tokens wait, or <see langword="null"/> when there is no such instance.</summary>
    Task<InstanceView?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The instance's journal in order; empty when there is no such instance.</summary>
    Task<IReadOnlyList<JournalLineView>> JournalAsync(Guid id, CancellationToken cancellationToken);
}

public sealed record InstanceSummaryView(
    Guid Id, string DefinitionKey, int DefinitionVersion, string? BusinessKey, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);

public sealed record WaitingAtView(string NodeId, string Kind, string? TaskId, string? MessageName, DateTimeOffset? DueAt);

public sealed record InstanceView(
    Guid Id,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    JsonObject? Variables,
    IReadOnlyList<WaitingAtView> WaitingAt);

public sealed record JournalLineView(
    long Sequence, DateTimeOffset At, string EventType, string? NodeId, string? NodeType, string ActorId, int DefinitionVersion, string? Detail);
