using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Tongguan.Integration.Tests.Infrastructure;

/// <summary>
/// The real application as a separate operating-system process (<c>dotnet Tongguan.Cases.dll</c>) on a loopback port,
/// configured through environment variables as an operator would — for tests that kill nodes with <c>kill -9</c>.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppNode(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The reference data user <see cref="Client"/> signs in as once the node answers: the admin, who may use every API.</summary>
    public const string User = "admin";

    public string Name { get; }

    public Uri Address { get; }

    /// <summary>A client signed in as <see cref="User"/> (bearer token) on this node.</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The lines the node printed so far (the last 500).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The last lines the node printed, for a failing test's message.</summary>
    public string Tail(int lines = 40) => $"--- {Name} ---\n" + string.Join('\n', _output.TakeLast(lines));

    /// <summary>
    /// Starts a node and waits until it answers (migrations, definitions and accounts done) and its client has signed in;
    /// <c>launched</c> gets the node as soon as its process runs, so that a test can watch a start that waits.
    /// </summary>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string> environment, TimeSpan? patience = null, Action<AppNode>? launched = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tongguan.Cases.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Urls"] = address.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Tongguan"] = "Information";
        start.Environment["Tongguan__Auth__InitialPassword"] = Http.TongguanApp.Password;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var node = new AppNode(name, process, address);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        launched?.Invoke(node);
        await node.WaitUntilReadyAsync(patience ?? TimeSpan.FromSeconds(90));
        return node;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash or <c>kill -9</c> does.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 500)
        {
            _output.TryDequeue(out _);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan patience)
    {
        var until = TimeProvider.System.GetUtcNow() + patience;
        while (TimeProvider.System.GetUtcNow() < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with code {_process.ExitCode}.\n{Tail()}");
            }

            try
            {
                // Kestrel listens only after the hosted services (migrations, accounts) have started.
                var token = await Http.TongguanApp.SignInAsync(Client, User, CancellationToken.None);
                Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Node {Name} did not answer within {patience.TotalSeconds:0} s.\n{Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
