using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Persistence;
using Tongguan.Workflows.Execution;
using Tongguan.Workflows.Runtime.Storage;

namespace Tongguan.Cases.Reports;

/// <summary>One event of the event log: a user task opening (start) or being completed (complete).</summary>
public sealed record XesEvent(string CaseKey, string Activity, string Transition, DateTimeOffset At, string Resource, string? Group, string Process);

/// <summary>
/// The journal as an XES event log (IEEE 1849-2016) for process-mining tools (ProM, PM4Py, Disco): one trace per case
/// (business key), one event per user task opened (<c>start</c>) and completed (<c>complete</c>), read forward-only in
/// (business key, sequence) order and written with an async <see cref="XmlWriter"/>, so the journal is never held in
/// memory.
/// </summary>
public sealed class XesExport(TongguanDbContext db)
{
    public const string ContentType = "application/xml; charset=utf-8";

    /// <summary>Events <see cref="EventsAsync"/> reads, for progress.</summary>
    public Task<int> CountAsync(string? process, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        Journal(process, from, to).CountAsync(cancellationToken);

    /// <summary>The user-task events of cases, trace by trace.</summary>
    public async IAsyncEnumerable<XesEvent> EventsAsync(
        string? process,
        DateTimeOffset? from,
        DateTimeOffset? to,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var j in Rows(process, from, to).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new XesEvent(
                j.BusinessKey!,
                j.Name ?? j.NodeId ?? "(unnamed)",
                j.EventType == JournalEventType.TaskCreated ? "start" : "complete",
                j.At,
                j.ActorId,
                j.Group is null ? null : SlaRecords.OrgUnitOf(j.Group),
                j.DefinitionKey);
        }
    }

    /// <summary>The SQL <see cref="EventsAsync"/> runs, for EXPLAIN (the journal index on business key and sequence).</summary>
    public string QueryText(string? process, DateTimeOffset? from, DateTimeOffset? to) => Rows(process, from, to).ToQueryString();

    private IQueryable<JournalRow> Rows(string? process, DateTimeOffset? from, DateTimeOffset? to) =>
        Journal(process, from, to)
            .OrderBy(j => j.BusinessKey)
            .ThenBy(j => j.Sequence)
            .Select(j => new JournalRow
            {
                BusinessKey = j.BusinessKey,
                DefinitionKey = j.DefinitionKey,
                NodeId = j.NodeId,
                EventType = j.EventType,
                At = j.At,
                ActorId = j.ActorId,
                Name = db.Set<UserTaskRecord>().Where(u => u.Id == j.Detail).Select(u => u.Name).FirstOrDefault(),
                Group = db.Set<TaskCandidate>()
                    .Where(k => k.TaskId == j.Detail && k.Kind == CandidateKind.Group)
                    .Select(k => k.Value)
                    .FirstOrDefault(),
            });

    private IQueryable<JournalRecord> Journal(string? process, DateTimeOffset? from, DateTimeOffset? to)
    {
        var journal = db.Set<JournalRecord>().AsNoTracking().Where(j =>
            j.BusinessKey != null && (j.EventType == JournalEventType.TaskCreated || j.EventType == JournalEventType.TaskCompleted));
        if (process is not null)
        {
            journal = journal.Where(j => j.DefinitionKey == process);
        }

        if (from is { } f)
        {
            journal = journal.Where(j => j.At >= f);
        }

        if (to is { } t)
        {
            journal = journal.Where(j => j.At < t);
        }

        return journal;
    }

    /// <summary>Writes the log to <paramref name="output"/>; <paramref name="progress"/> counts the events written.</summary>
    public async Task WriteAsync(
        Stream output,
        string? process,
        DateTimeOffset? from,
        DateTimeOffset? to,
        ReadProgress? progress,
        CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        var xml = XmlWriter.Create(output, settings);
        await using (xml.ConfigureAwait(false))
        {
            await xml.WriteStartDocumentAsync().ConfigureAwait(false);
            await xml.WriteStartElementAsync(null, "log", null).ConfigureAwait(false);
            await Attribute("xes.version", "1849-2016").ConfigureAwait(false);
            await Attribute("xes.features", "").ConfigureAwait(false);
            await Extension("Concept", "concept", "http://www.xes-standard.org/concept.xesext").ConfigureAwait(false);
            await Extension("Time", "time", "http://www.xes-standard.org/time.xesext").ConfigureAwait(false);
            await Extension("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext").ConfigureAwait(false);
            await Extension("Organizational", "org", "http://www.xes-standard.org/org.xesext").ConfigureAwait(false);
            await Global("trace", ("string", "concept:name", "UNKNOWN")).ConfigureAwait(false);
            await Global(
                "event",
                ("string", "concept:name", "UNKNOWN"),
                ("string", "lifecycle:transition", "complete"),
                ("date", "time:timestamp", "1970-01-01T00:00:00.000+00:00")).ConfigureAwait(false);
            await Classifier("Activity", "concept:name").ConfigureAwait(false);
            await Classifier("Activity and transition", "concept:name lifecycle:transition").ConfigureAwait(false);
            await Classifier("Resource", "org:resource").ConfigureAwait(false);
            await Value("string", "concept:name", "Tongguan case handling").ConfigureAwait(false);
            await Value("string", "lifecycle:model", "standard").ConfigureAwait(false);

            string? trace = null;
            await foreach (var e in EventsAsync(process, from, to, cancellationToken).ConfigureAwait(false))
            {
                if (!string.Equals(trace, e.CaseKey, StringComparison.Ordinal))
                {
                    if (trace is not null)
                    {
                        await xml.WriteEndElementAsync().ConfigureAwait(false);
                    }

                    trace = e.CaseKey;
                    await xml.WriteStartElementAsync(null, "trace", null).ConfigureAwait(false);
                    await Value("string", "concept:name", e.CaseKey).ConfigureAwait(false);
                }

                await xml.WriteStartElementAsync(null, "event", null).ConfigureAwait(false);
                await Value("string", "concept:name", e.Activity).ConfigureAwait(false);
                await Value("string", "lifecycle:transition", e.Transition).ConfigureAwait(false);
                await Value("date", "time:timestamp", e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)).ConfigureAwait(false);
                await Value("string", "org:resource", e.Resource).ConfigureAwait(false);
                if (e.Group is not null)
                {
                    await Value("string", "org:group", e.Group).ConfigureAwait(false);
                }

                await Value("string", "process", e.Process).ConfigureAwait(false);
                await xml.WriteEndElementAsync().ConfigureAwait(false);
                progress?.Advance();
            }

            if (trace is not null)
            {
                await xml.WriteEndElementAsync().ConfigureAwait(false);
            }

            await xml.WriteEndElementAsync().ConfigureAwait(false);
            await xml.WriteEndDocumentAsync().ConfigureAwait(false);
            await xml.FlushAsync().ConfigureAwait(false);
        }

        Task Attribute(string name, string value) => xml.WriteAttributeStringAsync(null, name, null, value);

        async Task Extension(string name, string prefix, string uri)
        {
            await xml.WriteStartElementAsync(null, "extension", null).ConfigureAwait(false);
            await Attribute("name", name).ConfigureAwait(false);
            await Attribute("prefix", prefix).ConfigureAwait(false);
            await Attribute("uri", uri).ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
        }

        async Task Global(string scope, params (string Type, string Key, string Value)[] attributes)
        {
            await xml.WriteStartElementAsync(null, "global", null).ConfigureAwait(false);
            await Attribute("scope", scope).ConfigureAwait(false);
            foreach (var (type, key, value) in attributes)
            {
                await Value(type, key, value).ConfigureAwait(false);
            }

            await xml.WriteEndElementAsync().ConfigureAwait(false);
        }

        async Task Classifier(string name, string keys)
        {
            await xml.WriteStartElementAsync(null, "classifier", null).ConfigureAwait(false);
            await Attribute("name", name).ConfigureAwait(false);
            await Attribute("keys", keys).ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
        }

        async Task Value(string type, string key, string value)
        {
            await xml.WriteStartElementAsync(null, type, null).ConfigureAwait(false);
            await Attribute("key", key).ConfigureAwait(false);
            await Attribute("value", value).ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
        }
    }

    private sealed class JournalRow
    {
        public string? BusinessKey { get; init; }

        public string DefinitionKey { get; init; } = "";

        public string? NodeId { get; init; }

        public JournalEventType EventType { get; init; }

        public DateTimeOffset At { get; init; }

        public string ActorId { get; init; } = "";

        public string? Name { get; init; }

        public string? Group { get; init; }
    }
}
