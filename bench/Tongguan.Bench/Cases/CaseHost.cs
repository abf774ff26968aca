extern alias cases;

using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Bench.Durable;
using Tongguan.Cases.Persistence;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Bench.Cases;

/// <summary>
/// The real host — <c>Program</c> of src/Cases with its own DI, appsettings.json, migrations and definitions folder —
/// started in this process on Kestrel at <c>http://127.0.0.1:0</c> (real sockets, loopback only), on a fresh
/// database: a SQLite file in a temporary folder, or a new PostgreSQL database dropped afterwards.
/// </summary>
internal sealed class CaseHost : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-bench-cases", Guid.NewGuid().ToString("N"));
    private readonly PostgresBenchDatabase? _postgres;
    private readonly WebApplicationFactory<cases::Program> _factory;
    private readonly ConcurrentDictionary<string, Lazy<Task<Token>>> _tokens = new(StringComparer.Ordinal);

    /// <summary>The initial password of every account on this throw-away host (a fresh one per run).</summary>
    private readonly string _password = "Bench-" + Guid.NewGuid().ToString("N")[..12] + "-Aa1";

    private CaseHost(string provider, string? serverConnectionString)
    {
        Provider = provider;
        string connectionString;
        if (provider == "postgresql")
        {
            _postgres = new PostgresBenchDatabase(serverConnectionString
                ?? throw new ArgumentException("--connection (or TONGGUAN_TEST_POSTGRES) names the PostgreSQL server."));
            connectionString = _postgres.ConnectionString;
        }
        else
        {
            Directory.CreateDirectory(_folder);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "tongguan.db"), DefaultTimeout = 30 }.ToString();
        }

        _factory = new WebApplicationFactory<cases::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            // src/Cases, as under `dotnet run`: its appsettings.json, and the definitions folder found from there.
            builder.UseContentRoot(Path.Combine(RepositoryRoot.Find(), "src", "Cases"));
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Tongguan:Database:Provider", provider == "postgresql" ? nameof(DatabaseProvider.PostgreSql) : nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Tongguan:Database:ConnectionString", connectionString);
            builder.UseSetting("Tongguan:Database:MigrateOnStart", "true");
            builder.UseSetting("Tongguan:Auth:InitialPassword", _password);

            // The load clients submit as a handful of users far above a person's rate: measure intake, not its limiter.
            builder.UseSetting("Tongguan:Cases:ReportsPerMinute", "0");
            // A server logs to a sink, not to a console this process shares with the load driver; warnings still show.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        _factory.UseKestrel();
    }

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider { get; }

    public string ProviderName => Provider == "postgresql" ? "PostgreSQL" : "SQLite";

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public ReferenceDataSnapshot Reference => Services.GetRequiredService<ReferenceDataSnapshot>();

    public static async Task<CaseHost> StartAsync(string provider, string? serverConnectionString, CancellationToken cancellationToken)
    {
        if (provider is not ("sqlite" or "postgresql"))
        {
            throw new ArgumentException("--provider is sqlite or postgresql.");
        }

        var host = new CaseHost(provider, serverConnectionString);
        if (host._postgres is not null)
        {
            await host._postgres.CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        // Starts Program: migrations, definitions, Kestrel.
        host._factory.StartServer();
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        host.BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        return host;
    }

    /// <summary>A client of its own connection pool, as a separate caller would have.</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// Sends <paramref name="request"/> as reference data user <paramref name="user"/>: a bearer token from
    /// <c>POST /api/account/login</c>, signed in once per user and host (sign-in is not part of what is measured).
    /// </summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signedIn = _tokens.GetOrAdd(user, u => new Lazy<Task<Token>>(() => SignInAsync(u)));
        var token = await signedIn.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        // As a real client does: a new sign-in a while before the token expires (the soak outlives an hour's token).
        if (TimeProvider.System.GetUtcNow() > token.RenewAfter)
        {
            var renewed = new Lazy<Task<Token>>(() => SignInAsync(user));
            token = await (_tokens.TryUpdate(user, renewed, signedIn) ? renewed : _tokens[user]).Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
    }

    private async Task<Token> SignInAsync(string user)
    {
        using var http = CreateClient();
        using var response = await http.PostAsJsonAsync("/api/account/login", new { userName = user, password = _password }).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in of '{user}' failed: {(int)response.StatusCode} {body}");
        }

        var json = JsonNode.Parse(body)!;
        var lifetime = TimeSpan.FromSeconds((double?)json["expiresIn"] ?? 3600);
        return new Token((string)json["accessToken"]!, TimeProvider.System.GetUtcNow() + (lifetime / 2));
    }

    private sealed record Token(string Value, DateTimeOffset RenewAfter);

    /// <summary>The database engine and its durability settings, for the results table.</summary>
    public async Task<string> DescribeDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongguanDbContext>();
        return Provider == "postgresql"
            ? $"PostgreSQL {await ScalarAsync(db, "SHOW server_version", cancellationToken).ConfigureAwait(false)}, " +
              $"fsync={await ScalarAsync(db, "SHOW fsync", cancellationToken).ConfigureAwait(false)}, " +
              $"synchronous_commit={await ScalarAsync(db, "SHOW synchronous_commit", cancellationToken).ConfigureAwait(false)}"
            : $"SQLite {await ScalarAsync(db, "select sqlite_version()", cancellationToken).ConfigureAwait(false)}, " +
              $"journal_mode={await ScalarAsync(db, "PRAGMA journal_mode", cancellationToken).ConfigureAwait(false)}, " +
              $"synchronous={await ScalarAsync(db, "PRAGMA synchronous", cancellationToken).ConfigureAwait(false)} (2=FULL, 1=NORMAL)";
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync().ConfigureAwait(false);
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private static async Task<string> ScalarAsync(DbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The PostgreSQL server: <c>--connection</c>, else <c>TONGGUAN_TEST_POSTGRES</c>.</summary>
    public static string? ServerConnection(BenchArguments args) =>
        args.Value("connection") ?? Environment.GetEnvironmentVariable("TONGGUAN_TEST_POSTGRES");
}
