using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Tongguan.Cases.Access;
using Tongguan.Integration.Tests.Http;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// OpenID Connect sign-in end to end against <see cref="TestIdentityProvider"/> on a real socket: the app's challenge,
/// the provider's authorize endpoint, the form post back to <c>/signin-oidc</c>, the app's code exchange over its own
/// back channel (client secret + PKCE), id_token validation against the provider's JWKS, and the mapping to the
/// reference data user. The test plays the browser: it follows each redirect and form by hand with a cookie jar.
/// </summary>
public sealed partial class OidcRoundTripTests(OidcRoundTripTests.RoundTrip fixture) : IClassFixture<OidcRoundTripTests.RoundTrip>
{
    public sealed class RoundTrip : IAsyncLifetime
    {
        public const string UserNameClaim = "employee_id";

        public TestIdentityProvider Provider { get; private set; } = null!;

        public TongguanApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Provider = await TestIdentityProvider.StartAsync("https://localhost/signin-oidc", UserNameClaim);
            App = new ProviderApp(Provider.Authority);
            await App.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Provider.DisposeAsync();
        }

        private sealed class ProviderApp(string authority) : SqliteApp
        {
            protected override void Configure(IWebHostBuilder builder)
            {
                builder.UseSetting("Tongguan:Auth:Oidc:Authority", authority);
                builder.UseSetting("Tongguan:Auth:Oidc:RequireHttpsMetadata", "false");
                builder.UseSetting("Tongguan:Auth:Oidc:ClientId", TestIdentityProvider.ClientId);
                builder.UseSetting("Tongguan:Auth:Oidc:ClientSecret", TestIdentityProvider.ClientSecret);
                builder.UseSetting("Tongguan:Auth:Oidc:UserNameClaim", UserNameClaim);
            }
        }
    }

    /// <summary>A browser: one cookie jar for the app (over https, as the correlation cookies are Secure) and no automatic redirects.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

        public Browser(TongguanApp app)
        {
            Cookies = new CookieContainerHandler();
            App = app.Factory.CreateDefaultClient(new Uri("https://localhost"), Cookies);
        }

        public CookieContainerHandler Cookies { get; }

        public HttpClient App { get; }

        public bool HasSession => Cookies.Container.GetCookies(new Uri("https://localhost/")).Any(c => c.Name == "Tongguan.Auth");

        /// <summary>Starts sign-in at the app, lets the provider approve, and posts its answer back; the app's last response.</summary>
        public async Task<HttpResponseMessage> SignInAsync(string returnUrl = "/inbox")
        {
            using var challenge = await App.GetAsync("/api/account/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl));
            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
            using var authorize = await _provider.GetAsync(challenge.Headers.Location);
            var page = await authorize.Content.ReadAsStringAsync();
            Assert.True(authorize.StatusCode == HttpStatusCode.OK, page);
            var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups["action"].Value);
            var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            Assert.Equal("https://localhost/signin-oidc", action);
            return await App.PostAsync(new Uri(action).PathAndQuery, new FormUrlEncodedContent(fields));
        }

        public void Dispose()
        {
            App.Dispose();
            _provider.Dispose();
        }
    }

    [Fact]
    public async Task SignInThroughTheProvider_EndsWithTheAppsCookie_AndMeNamesTheMappedUserWithItsRoles()
    {
        using var browser = new Browser(fixture.App);
        fixture.Provider.Fault = TokenFault.None;
        fixture.Provider.SignInAs = "wu.gang";
        var exchanged = fixture.Provider.CodesExchanged;

        using var callback = await browser.SignInAsync("/inbox");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/inbox", callback.Headers.Location?.OriginalString);
        Assert.Equal(exchanged + 1, fixture.Provider.CodesExchanged);
        Assert.True(browser.HasSession);
        var me = await (await browser.App.GetAsync("/api/account/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("wu.gang", (string?)me["id"]);
        Assert.Equal("officer", (string?)Assert.Single(me["roles"]!.AsArray()));
        Assert.Equal("D01-chengguan", (string?)me["orgUnit"]!["id"]);

        // The cookie is the app's own session: the inbox, which needs the officer's role, opens with it.
        Assert.Equal(HttpStatusCode.OK, (await browser.App.GetAsync("/api/inbox")).StatusCode);
    }

    [Fact]
    public async Task AUserNameUnknownToTheReferenceData_IsRefusedWithAClearMessage_AndNoSession()
    {
        using var browser = new Browser(fixture.App);
        fixture.Provider.Fault = TokenFault.None;
        fixture.Provider.SignInAs = "stranger.from.idp";

        using var callback = await browser.SignInAsync();

        var problem = await callback.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains($"'{RoundTrip.UserNameClaim}' claim names no Tongguan user", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.False(browser.HasSession);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.App.GetAsync("/api/account/me")).StatusCode);
    }

    [Theory]
    [InlineData(TokenFault.ForeignKey)]
    [InlineData(TokenFault.WrongAudience)]
    [InlineData(TokenFault.WrongNonce)]
    public async Task AnIdTokenTheAppCannotVerify_IsRefused_AndNobodyIsSignedIn(TokenFault fault)
    {
        using var browser = new Browser(fixture.App);
        fixture.Provider.SignInAs = "wu.gang";
        fixture.Provider.Fault = fault;
        var exchanged = fixture.Provider.CodesExchanged;

        try
        {
            using var callback = await browser.SignInAsync();

            var problem = await callback.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("could not be verified", (string?)problem["detail"], StringComparison.Ordinal);
        }
        finally
        {
            fixture.Provider.Fault = TokenFault.None;
        }

        // The refusal came after the code exchange, i.e. from the token's validation, not from an earlier step.
        Assert.Equal(exchanged + 1, fixture.Provider.CodesExchanged);
        Assert.False(browser.HasSession);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.App.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task ALockedAccount_IsRefused_EvenThoughTheProviderVouchesForIt()
    {
        using var browser = new Browser(fixture.App);
        fixture.Provider.Fault = TokenFault.None;
        fixture.Provider.SignInAs = "zheng.kai";
        using (var scope = fixture.App.Factory.Services.CreateScope())
        {
            // As provisioning locks the account of a user who left the reference data.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TongguanUser>>();
            var account = await users.FindByNameAsync("zheng.kai");
            Assert.NotNull(account);
            Assert.True((await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue)).Succeeded);
        }

        using var callback = await browser.SignInAsync();

        var problem = await callback.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("account is locked", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.False(browser.HasSession);
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
