using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Cli;
using Tongguan.Integration.Tests.Http;
using Tongguan.Integration.Tests.Infrastructure;

namespace Tongguan.Integration.Tests.Security;

/// <summary>Sign-in over HTTP: bearer tokens, the cookie, refresh, logout, lockout, and the end of the old header.</summary>
public sealed class SignInTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<HttpResponseMessage> LoginAsync(string user, string password, string query = "") =>
        await app.CreateAnonymousClient().PostAsJsonAsync("/api/account/login" + query, new { userName = user, password });

    private HttpClient WithToken(string token)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Login_ReturnsABearerToken_AndMeDescribesTheReferenceDataUser()
    {
        var tokens = await (await LoginAsync("wu.gang", TongguanApp.Password)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Bearer", (string?)tokens["tokenType"]);
        var me = await (await WithToken((string)tokens["accessToken"]!).GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("wu.gang", (string?)me["id"]);
        Assert.Equal("officer", (string?)Assert.Single(me["roles"]!.AsArray()));
        Assert.Equal("D01-chengguan", (string?)me["orgUnit"]!["id"]);
        Assert.Equal("officer@D01-chengguan", (string?)Assert.Single(me["groups"]!.AsArray()));
    }

    [Fact]
    public async Task WrongPasswords_Are401_AndTheFifthLocksTheAccountEvenForTheRightOne()
    {
        for (var i = 0; i < 4; i++)
        {
            var refused = await (await LoginAsync("dong.xin", "Wrong-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("wrong password", (string?)refused["detail"], StringComparison.Ordinal);
        }

        await (await LoginAsync("dong.xin", "Wrong-password-1")).ProblemAsync(HttpStatusCode.Unauthorized);
        var locked = await (await LoginAsync("dong.xin", TongguanApp.Password)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("locked", (string?)locked["detail"], StringComparison.Ordinal);
        await (await LoginAsync("no.such.user", TongguanApp.Password)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CookieSignIn_OpensTheApi_UntilLogout()
    {
        var browser = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var login = await browser.PostAsJsonAsync("/api/account/login?useCookies=true", new { userName = "luo.hong", password = TongguanApp.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Tongguan.Auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("luo.hong", (string?)(await (await browser.GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK))["id"]);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/account/logout", null)).StatusCode);

        await (await browser.GetAsync("/api/account/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_IssuesANewToken_UntilLogoutChangesTheSecurityStamp()
    {
        var tokens = await (await LoginAsync("liang.yu", TongguanApp.Password)).JsonAsync(HttpStatusCode.OK);
        var anonymous = app.CreateAnonymousClient();

        var refreshed = await (await anonymous.PostAsJsonAsync("/api/account/refresh", new { refreshToken = (string)tokens["refreshToken"]! })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("liang.yu", (string?)(await (await WithToken((string)refreshed["accessToken"]!).GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK))["id"]);
        Assert.Equal(HttpStatusCode.NoContent, (await WithToken((string)refreshed["accessToken"]!).PostAsync("/api/account/logout", null)).StatusCode);

        var afterLogout = await anonymous.PostAsJsonAsync("/api/account/refresh", new { refreshToken = (string)refreshed["refreshToken"]! });
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/account/refresh", new { refreshToken = "forged" })).StatusCode);
    }

    [Fact]
    public async Task TheOldUserHeader_AuthenticatesNobody()
    {
        var pretender = app.CreateAnonymousClient();
        pretender.DefaultRequestHeaders.Add("X-Tongguan-User", "admin");

        await (await pretender.GetAsync("/api/account/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await pretender.GetAsync("/api/process-instances")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await pretender.PostAsJsonAsync("/api/admin/open311-keys", new { name = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnonymousApiCalls_Get401_NotARedirectToALoginPage()
    {
        var browserLike = app.CreateAnonymousClient();
        browserLike.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await browserLike.GetAsync("/api/cases");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task UsersSetPassword_ReplacesThePassword_AndLiftsALockout()
    {
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync("xie.fei", "Wrong-password-1");
        }

        var connection = app.Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Tongguan.Cases.Persistence.DatabaseOptions>>().Value.ConnectionString!;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await UsersCommand.RunAsync(
            ["set-password", "xie.fei", "--Tongguan:Database:Provider=Sqlite", $"--Tongguan:Database:ConnectionString={connection}", "--Tongguan:Workflows:Worker:Enabled=false"],
            new StringReader("Brand-New-Passw0rd\n"), output, error, CancellationToken.None);

        Assert.True(exit == UsersCommand.ExitDone, error.ToString());
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync("xie.fei", "Brand-New-Passw0rd")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("tang.ning", "Brand-New-Passw0rd")).StatusCode);
        var weak = await UsersCommand.RunAsync(
            ["set-password", "xie.fei", "--Tongguan:Database:Provider=Sqlite", $"--Tongguan:Database:ConnectionString={connection}"],
            new StringReader("short\n"), output, error, CancellationToken.None);
        Assert.Equal(UsersCommand.ExitFailed, weak);
        Assert.Equal(UsersCommand.ExitFailed, await UsersCommand.RunAsync(
            ["set-password", "nobody.here", "--Tongguan:Database:Provider=Sqlite", $"--Tongguan:Database:ConnectionString={connection}"],
            new StringReader("Brand-New-Passw0rd\n"), output, error, CancellationToken.None));
        Assert.Equal(UsersCommand.ExitUsage, await UsersCommand.RunAsync(["set-password"], new StringReader("x\n"), output, error, CancellationToken.None));
    }
}

/// <summary>A production host refuses to start when nobody could ever sign in.</summary>
public sealed class FirstStartTests
{
    [Fact]
    public void ProductionStart_Fails_WithoutAnInitialPassword_OnAnEmptyDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tongguan-auth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Production");
                builder.UseSetting("Tongguan:Database:ConnectionString", new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "t.db") }.ToString());
                builder.UseSetting("Tongguan:Workflows:Worker:Enabled", "false");
            });

            var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.Server);

            Assert.Contains("Tongguan:Auth:InitialPassword is not set", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(folder);
        }
    }
}
