using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Tongguan.Web.Tests.Browser;

/// <summary>
/// The real host (Program) on Kestrel at 127.0.0.1 on a free port, on a fresh SQLite database, plus Debian's
/// Chromium driven by Playwright (DESIGN.md, "Web"). Playwright's own browser download cannot work here, so the
/// browser is <see cref="ChromiumPath"/> (TONGGUAN_CHROMIUM overrides it).
/// </summary>
public sealed class WebAppServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Every reference data user's password on this fresh database (Tongguan:Auth:InitialPassword).</summary>
    public const string Password = "Web-tests-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tongguan-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "tongguan.db"), DefaultTimeout = 30 }.ToString();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            // Serves the Razor class libraries' files (bpmn-js, MudBlazor) from the build output, as Development does.
            builder.UseStaticWebAssets();
            builder.UseSetting("Tongguan:Database:Provider", "Sqlite");
            builder.UseSetting("Tongguan:Database:ConnectionString", database);
            builder.UseSetting("Tongguan:Database:MigrateOnStart", "true");
            builder.UseSetting("Tongguan:Workflows:Worker:Enabled", "false");
            builder.UseSetting("Tongguan:Auth:InitialPassword", Password);
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        _factory.StartServer();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TONGGUAN_CHROMIUM") is { Length: > 0 } path ? path : ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google's hosts, which this closed network refuses.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies and a fresh profile) with one page at the host.</summary>
    public async Task<IPage> NewPageAsync(string? locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<WebAppServer>
{
    public const string Name = "browser";
}
