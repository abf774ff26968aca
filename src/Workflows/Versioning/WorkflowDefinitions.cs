using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Model;
using Tongguan.Workflows.Parsing;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Runtime.Storage;
using Tongguan.Workflows.Validation;

namespace Tongguan.Workflows.Versioning;

/// <summary>The outcome of publishing one process of a file.</summary>
/// <param name="Definition">The version new instances of the key now start on.</param>
/// <param name="IsNewVersion">False when the content equalled the latest version, which is returned unchanged.</param>
public sealed record PublishedDefinition(DefinitionRecord Definition, bool IsNewVersion);

/// <summary>The result of a publish: one entry per executable process, and the warnings found.</summary>
public sealed record PublishResult(IReadOnlyList<PublishedDefinition> Definitions, IReadOnlyList<BpmnProblem> Warnings);

/// <summary>
/// Drafts and immutable published versions of process definitions. Scoped (works on the scope's
/// <see cref="IWorkflowStore"/>); each call saves its own changes, with any pending ones of the caller.
/// </summary>
public sealed class WorkflowDefinitions
{
    private readonly IWorkflowStore _store;
    private readonly IEnumerable<IDefinitionValidator> _validators;
    private readonly TimeProvider _timeProvider;
    private readonly LatestDefinitionCache _latest;

    public WorkflowDefinitions(
        IWorkflowStore store, IEnumerable<IDefinitionValidator> validators, TimeProvider timeProvider, LatestDefinitionCache latest)
    {
        _store = store;
        _validators = validators;
        _timeProvider = timeProvider;
        _latest = latest;
    }

    public Task<DefinitionDraft?> GetDraftAsync(string key, CancellationToken cancellationToken = default) =>
        _store.GetDraftAsync(key, cancellationToken);

    /// <summary>Creates or replaces the draft of <paramref name="key"/>. Drafts are not validated.</summary>
    public async Task<DefinitionDraft> SaveDraftAsync(string key, string xml, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(actor);
        var draft = await _store.GetDraftAsync(key, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            draft = new DefinitionDraft { Key = key };
            _store.AddDraft(draft);
        }

        draft.Xml = xml;
        draft.UpdatedAt = _timeProvider.GetUtcNow();
        draft.UpdatedBy = actor.Id;
        await _store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return draft;
    }

    /// <summary>Publishes the draft of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no draft for the key.</exception>
    public async Task<PublishResult> PublishDraftAsync(string key, Actor actor, CancellationToken cancellationToken = default)
    {
        var draft = await _store.GetDraftAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"There is no draft of definition '{key}'.");
        return await PublishAsync(draft.Xml, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes every executable process of <paramref name="xml"/> as version N+1 of its key; a process
    /// whose normalised content hash equals its latest version's publishes nothing and returns that version.
    /// </summary>
    /// <remarks>
    /// A new version's timer start events are scheduled (relative to now for durations and cycles) in the same
    /// transaction, replacing the previous version's: only the latest version starts instances by timer.
    /// </remarks>
    /// <exception cref="DefinitionRejectedException">The reader or a validator found errors, or nothing is executable.</exception>
    /// <exception cref="DefinitionPublishConflictException">Another version of a key was published at the same time; publish again.</exception>
    public async Task<PublishResult> PublishAsync(string xml, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(actor);
        var document = BpmnReader.Read(xml);
        var problems = document.Problems
            .Concat(BpmnValidator.Validate(document))
            .Concat(_validators.SelectMany(v => v.Validate(document)))
            .ToList();
        if (problems.Any(p => p.IsError))
        {
            throw new DefinitionRejectedException(problems);
        }

        var processes = document.Processes.Where(p => p.IsExecutable).ToList();
        if (processes.Count == 0)
        {
            throw new DefinitionRejectedException(
            [
                new BpmnProblem(ProblemSeverity.Error, "TG0100", "The file has no executable process (isExecutable=\"true\").", null, "definitions", 0, 0),
            ]);
        }

        var hash = DefinitionContent.Hash(xml);
        var now = _timeProvider.GetUtcNow();
        var published = new List<PublishedDefinition>();
        foreach (var process in processes)
        {
            var latest = await _store.GetDefinitionAsync(process.Key, null, cancellationToken).ConfigureAwait(false);
            if (latest is not null && string.Equals(latest.ContentHash, hash, StringComparison.Ordinal))
            {
                published.Add(new PublishedDefinition(latest, IsNewVersion: false));
                continue;
            }

            var definition = new DefinitionRecord
            {
                Id = Guid.NewGuid(),
                Key = process.Key,
                Version = (latest?.Version ?? 0) + 1,
                Name = process.Name,
                Xml = xml,
                ContentHash = hash,
                PublishedAt = now,
                PublishedBy = actor.Id,
            };
            await _store.AddDefinitionAsync(
                definition, MessageStarts(definition, process), StartTimerSchedule.FirstOccurrences(definition, process, now), cancellationToken)
                .ConfigureAwait(false);
            published.Add(new PublishedDefinition(definition, IsNewVersion: true));
        }

        if (published.Any(p => p.IsNewVersion))
        {
            try
            {
                await _store.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A retry in this scope must read the versions again, not re-insert the refused ones.
                _store.DiscardChanges();
                throw;
            }
            finally
            {
                // Also on failure and inside a caller's transaction: a lookup racing the publish must not stay cached.
                foreach (var fresh in published.Where(d => d.IsNewVersion))
                {
                    _latest.Invalidate(fresh.Definition.Key);
                }
            }
        }

        return new PublishResult(published, problems);
    }

    /// <summary>The given version of <paramref name="key"/>, or the latest when <paramref name="version"/> is null.</summary>
    public Task<DefinitionRecord?> GetAsync(string key, int? version = null, CancellationToken cancellationToken = default) =>
        _store.GetDefinitionAsync(key, version, cancellationToken);

    public Task<IReadOnlyList<DefinitionRecord>> ListAsync(string? key = null, CancellationToken cancellationToken = default) =>
        _store.ListDefinitionsAsync(key, cancellationToken);

    private static List<MessageStartRecord> MessageStarts(DefinitionRecord definition, ProcessModel process) =>
        process.Content.StartEvents
            .Where(s => s.Trigger == EventTrigger.Message && s.Message is not null)
            .Select(s => new MessageStartRecord
            {
                DefinitionId = definition.Id,
                DefinitionKey = definition.Key,
                StartEventId = s.Id,
                MessageName = s.Message!.Name,
            })
            .ToList();
}
