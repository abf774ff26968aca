using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Reliability;

/// <summary>
/// A PostgreSQL cluster of this test's own — initdb into a temporary folder, pg_ctl on a free loopback port — so that
/// it can be restarted and stopped without touching the server other tests share (as scripts/postgres.sh does: as root
/// the server runs as the postgres user, which PostgreSQL requires). Fails, never skips, without the server binaries.
/// </summary>
internal sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _bin;
    private readonly int _port;

    private PrivatePostgresCluster(string bin, int port)
    {
        _bin = bin;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=tongguan;Timeout=15;Command Timeout=30";

    private string Data => Path.Combine(_folder, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        bin ??= Environment.GetEnvironmentVariable("PATH")?.Split(':').FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql package (scripts/test.sh does as root).");
        var cluster = new PrivatePostgresCluster(bin, FreePort());
        Directory.CreateDirectory(cluster._folder);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres", cluster._folder]);
        }

        await cluster.AsServerAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"]);
        await cluster.StartServerAsync();
        await RunAsync(Path.Combine(bin, "psql"), ["-h", "127.0.0.1", "-p", cluster._port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-c", "CREATE DATABASE tongguan"]);
        return cluster;
    }

    /// <summary>
    /// <c>pg_ctl stop -m fast|immediate</c> then <c>pg_ctl start</c> — what <c>pg_ctl restart -m …</c> does, with the server
    /// log kept in its file (restart has no -l); returns when the server accepts connections again.
    /// </summary>
    public async Task RestartAsync(string mode)
    {
        await PgCtlAsync("stop", "-m", mode);
        await StartServerAsync();
    }

    /// <summary><c>pg_ctl stop -m fast</c>: the server is away until <see cref="StartServerAsync"/>.</summary>
    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast");

    /// <summary>Starts the stopped server; returns when it accepts connections.</summary>
    public Task StartServerAsync() =>
        PgCtlAsync("start", "-l", Path.Combine(_folder, "server.log"), "-o",
            $"-c listen_addresses=127.0.0.1 -p {_port} -k {_folder} -c fsync=off -c full_page_writes=off -c max_connections=100");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        TempFolder.Delete(_folder);
    }

    private Task PgCtlAsync(params string[] arguments) => AsServerAsync("pg_ctl", ["-D", Data, "-w", "-t", "60", .. arguments]);

    private Task AsServerAsync(string tool, string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]) : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
