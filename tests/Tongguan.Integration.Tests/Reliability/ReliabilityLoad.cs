using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// Sustained intake and handling against whichever app nodes are current: clients submit reports (each with an
/// Idempotency-Key), start instances of <see cref="Definition"/> and complete their 'handle' tasks, and read cases.
/// Only a 2xx answer counts as acknowledged; everything else (a killed node, a database restart) is counted by status.
/// </summary>
internal sealed class ReliabilityLoad
{
    public const string DefinitionKey = "reliability-deadlines";

    /// <summary>
    /// A task with a short limit on the natural calendar (yellow at half, red at the limit) so that deadlines come due
    /// and fire while nodes are killed and databases restarted.
    /// </summary>
    public const string Definition = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="defs" targetNamespace="https://tongguan.dev/tests">
          <process id="reliability-deadlines" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <userTask id="handle" name="Handle" tg:candidateGroups="street" tg:timeLimit="PT6S" tg:calendar="natural" tg:warningShare="0.5" />
            <boundaryEvent id="yellow" attachedToRef="handle" cancelActivity="false" tg:deadline="warning"><timerEventDefinition /></boundaryEvent>
            <boundaryEvent id="red" attachedToRef="handle" tg:deadline="due"><timerEventDefinition /></boundaryEvent>
            <sequenceFlow id="f2" sourceRef="handle" targetRef="check" />
            <userTask id="check" name="Check" tg:candidateGroups="street" />
            <sequenceFlow id="f2b" sourceRef="check" targetRef="done" />
            <sequenceFlow id="f3" sourceRef="yellow" targetRef="remind" />
            <userTask id="remind" name="Remind" tg:candidateGroups="street" />
            <sequenceFlow id="f4" sourceRef="remind" targetRef="reminded" />
            <sequenceFlow id="f5" sourceRef="red" targetRef="escalate" />
            <userTask id="escalate" name="Escalate" tg:candidateGroups="district" />
            <sequenceFlow id="f6" sourceRef="escalate" targetRef="escalated" />
            <endEvent id="done" />
            <endEvent id="reminded" />
            <endEvent id="escalated" />
          </process>
        </definitions>
        """;

    private static readonly string[] Categories = ["S0102", "S0501"];

    private readonly Func<IReadOnlyList<AppNode>> _nodes;
    private readonly (double Lat, double Lon)[] _places;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<string> _startedQueue = new();

    /// <summary>An intake agent's bearer token per node: filing reports is an agent's work, not the admin's.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _agentTokens = new(StringComparer.Ordinal);

    /// <summary>The 12345 agent who files the load's reports (definitions/reference/org.json).</summary>
    public const string Agent = "wang.fang";
    private long _sequence;
    private long _inFlight;

    public ReliabilityLoad(Func<IReadOnlyList<AppNode>> nodes, (double Lat, double Lon)[] places)
    {
        _nodes = nodes;
        _places = places;
    }

    /// <summary>Case numbers of acknowledged reports (201/200 with a case number).</summary>
    public ConcurrentDictionary<string, byte> AckedCases { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances of <see cref="DefinitionKey"/> whose start was acknowledged.</summary>
    public ConcurrentDictionary<string, byte> AckedInstances { get; } = new(StringComparer.Ordinal);

    /// <summary>Instances whose 'handle' task completion was acknowledged.</summary>
    public ConcurrentDictionary<string, byte> AckedCompletions { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers by status code (0 = no answer: connection refused or reset) and by node.</summary>
    public ConcurrentDictionary<int, long> Answers { get; } = new();

    public ConcurrentDictionary<string, long> SuccessesByNode { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(TimeSpan At, int Status, double Milliseconds, string What)> Log { get; } = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public long InFlight => Interlocked.Read(ref _inFlight);

    public long Count(int status) => Answers.GetValueOrDefault(status);

    /// <summary>Reads the centre of every grid cell of the reference data's map (anonymous GeoJSON), a point inside it.</summary>
    public static async Task<(double Lat, double Lon)[]> PlacesAsync(AppNode node)
    {
        var map = (await node.Client.GetFromJsonAsync<JsonObject>("/api/reference/grid-map"))!;
        return
        [
            .. map["features"]!.AsArray().Select(f =>
            {
                var ring = f!["geometry"]!["coordinates"]![0]!.AsArray().Select(p => ((double)p![0]!, (double)p[1]!)).ToList();
                var corners = ring.Take(ring.Count - 1).ToList();
                return (corners.Average(p => p.Item2), corners.Average(p => p.Item1));
            }),
        ];
    }

    public static async Task DeployAsync(AppNode node)
    {
        using var content = new StringContent(Definition, Encoding.UTF8, "application/xml");
        using var response = await node.Client.PostAsync("/api/definitions", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs <paramref name="clients"/> clients of each kind until <paramref name="stop"/> is cancelled.</summary>
    public Task RunAsync(int clients, CancellationToken stop)
    {
        var workers = new List<Task>();
        for (var i = 0; i < clients; i++)
        {
            var random = new Random(HashCode.Combine(_run, i));
            workers.Add(Task.Run(() => LoopAsync(ReportAsync, random, stop), CancellationToken.None));
            workers.Add(Task.Run(() => LoopAsync(StartAsync, random, stop), CancellationToken.None));
            workers.Add(Task.Run(() => LoopAsync(CompleteAsync, random, stop), CancellationToken.None));
        }

        workers.Add(Task.Run(() => LoopAsync(ReadAsync, new Random(1), stop), CancellationToken.None));
        return Task.WhenAll(workers);
    }

    private async Task LoopAsync(Func<AppNode, Random, CancellationToken, Task> step, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var nodes = _nodes();
            if (nodes.Count == 0)
            {
                await Task.Delay(50, CancellationToken.None);
                continue;
            }

            var node = nodes[random.Next(nodes.Count)];
            try
            {
                await step(node, random, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException)
            {
                // No answer (the node was killed or is restarting) or the agent's sign-in refused during an outage:
                // nothing was acknowledged.
                Answers.AddOrUpdate(0, 1, (_, n) => n + 1);
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private async Task ReportAsync(AppNode node, Random random, CancellationToken stop)
    {
        var n = Interlocked.Increment(ref _sequence);
        var at = _places[random.Next(_places.Length)];
        var report = new
        {
            channel = "Hotline12345",
            categoryCode = Categories[random.Next(Categories.Length)],
            text = $"可靠性测试 {_run}-{n}：路面有问题，请尽快处理",
            latitude = at.Lat,
            longitude = at.Lon,
            reporterName = "陈先生",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
        request.Headers.Add("Idempotency-Key", $"rel-{_run}-{n}");
        var answer = await SendAsync(node, request, "report", stop, await AgentTokenAsync(node));
        if (answer is not null && (string?)answer["caseNumber"] is { } number)
        {
            AckedCases.TryAdd(number, 0);
        }
    }

    private async Task StartAsync(AppNode node, Random random, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/process-instances")
        {
            Content = JsonContent.Create(new { definitionKey = DefinitionKey, businessKey = $"rel-{_run}-{Interlocked.Increment(ref _sequence)}" }),
        };
        var answer = await SendAsync(node, request, "start", stop);
        if (answer is not null && (string?)answer["id"] is { } id)
        {
            AckedInstances.TryAdd(id, 0);
            _startedQueue.Enqueue(id);
        }

        await Task.Delay(random.Next(20, 120), stop);
    }

    /// <summary>Completes 'handle' of an instance started a moment ago (some in time, some racing their red deadline).</summary>
    private async Task CompleteAsync(AppNode node, Random random, CancellationToken stop)
    {
        if (!_startedQueue.TryDequeue(out var instance))
        {
            await Task.Delay(50, stop);
            return;
        }

        // Leave two in five alone: their deadlines must fire.
        if (random.Next(5) < 2)
        {
            return;
        }

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks?instanceId={instance}&status=Open");
        var page = await SendAsync(node, read, "tasks", stop);
        var task = page?["items"]?.AsArray().FirstOrDefault(t => (string?)t!["nodeId"] == "handle");
        if (task is null)
        {
            return;
        }

        using var complete = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{(string?)task["id"]}/complete") { Content = JsonContent.Create(new { output = new { } }) };
        if (await SendAsync(node, complete, "complete", stop) is not null)
        {
            AckedCompletions.TryAdd(instance, 0);
        }
    }

    private async Task ReadAsync(AppNode node, Random random, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases?take=5");
        await SendAsync(node, request, "read", stop);
        await Task.Delay(100, stop);
    }

    private Task<string> AgentTokenAsync(AppNode node)
    {
        var lazy = _agentTokens.GetOrAdd(node.Name, _ => new Lazy<Task<string>>(() => Http.TongguanApp.SignInAsync(node.Client, Agent, CancellationToken.None)));
        if (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // A node restarted or a sign-in hit an outage: sign in again next time.
            _agentTokens.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(node.Name, lazy));
        }

        return lazy.Value;
    }

    private async Task<JsonObject?> SendAsync(AppNode node, HttpRequestMessage request, string what, CancellationToken stop, string? bearer = null)
    {
        request.Headers.Authorization = bearer is null
            ? node.Client.DefaultRequestHeaders.Authorization
            : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        var began = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var response = await node.Client.SendAsync(request, stop);
            var body = await response.Content.ReadAsStringAsync(stop);
            var status = (int)response.StatusCode;
            Answers.AddOrUpdate(status, 1, (_, n) => n + 1);
            Log.Enqueue((Clock.Elapsed, status, Stopwatch.GetElapsedTime(began).TotalMilliseconds, what));
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                Errors.Enqueue($"{node.Name} {request.Method} {request.RequestUri} ({what}): 500 {body[..Math.Min(body.Length, 400)]}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            SuccessesByNode.AddOrUpdate(node.Name, 1, (_, n) => n + 1);
            return body.Length > 0 && JsonNode.Parse(body) is JsonObject json ? json : [];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !stop.IsCancellationRequested)
        {
            Log.Enqueue((Clock.Elapsed, 0, Stopwatch.GetElapsedTime(began).TotalMilliseconds, what));
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>The first few 500 answers, for a failing test's message.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();
}
