using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tongguan.Integration.Tests.Security;

/// <summary>What the provider gets wrong in the next id_token, so that a test can see the app refuse it.</summary>
public enum TokenFault
{
    None,

    /// <summary>Signed by a key the provider never published (under the published key's id).</summary>
    ForeignKey,

    /// <summary>Issued to another client.</summary>
    WrongAudience,

    /// <summary>Carries a nonce other than the one the app sent.</summary>
    WrongNonce,
}

/// <summary>
/// A minimal OpenID Provider on Kestrel at 127.0.0.1 (a free port) for one confidential client: discovery, JWKS with an
/// RSA key made per run, an authorize endpoint that approves <see cref="SignInAs"/> without a login page, and a token
/// endpoint that checks the code, client secret, PKCE verifier and redirect URI and issues an RS256 id_token. Enough
/// of OpenID Connect Core and RFC 7636 to run the app's code flow for real; everything it refuses is a 400 with the
/// reason, as a real provider answers.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "tongguan-test";

    public const string ClientSecret = "test-client-secret-7f3a";

    private readonly WebApplication _host;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _foreignKey = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication host, string redirectUri, string userNameClaim)
    {
        _host = host;
        RedirectUri = redirectUri;
        UserNameClaim = userNameClaim;
    }

    /// <summary>The issuer and base address, <c>http://127.0.0.1:{port}</c>.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>The only redirect URI registered for the client.</summary>
    public string RedirectUri { get; }

    public string UserNameClaim { get; }

    /// <summary>The user name the next authorization approves (the claim <see cref="UserNameClaim"/> carries it).</summary>
    public string SignInAs { get; set; } = "";

    public TokenFault Fault { get; set; }

    /// <summary>How many codes the token endpoint exchanged, so a test can tell the app really called it.</summary>
    public int CodesExchanged => _codesExchanged;

    private int _codesExchanged;

    public static async Task<TestIdentityProvider> StartAsync(string redirectUri, string userNameClaim)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var host = builder.Build();
        var provider = new TestIdentityProvider(host, redirectUri, userNameClaim);
        host.MapGet("/.well-known/openid-configuration", provider.Discovery);
        host.MapGet("/jwks", provider.Jwks);
        host.MapGet("/authorize", provider.Authorize);
        host.MapPost("/token", provider.TokenAsync);
        await host.StartAsync();
        provider.Authority = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        _key.Dispose();
        _foreignKey.Dispose();
    }

    private IResult Discovery() => Results.Text(
        $$"""
        {
          "issuer": "{{Authority}}",
          "authorization_endpoint": "{{Authority}}/authorize",
          "token_endpoint": "{{Authority}}/token",
          "jwks_uri": "{{Authority}}/jwks",
          "response_types_supported": ["code"],
          "response_modes_supported": ["query", "form_post"],
          "subject_types_supported": ["public"],
          "id_token_signing_alg_values_supported": ["RS256"],
          "code_challenge_methods_supported": ["S256"],
          "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
          "scopes_supported": ["openid", "profile"]
        }
        """,
        "application/json");

    private IResult Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["kid"] = _keyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                },
            },
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId)
        {
            return Results.BadRequest("unknown client_id");
        }

        if (query["redirect_uri"] != RedirectUri)
        {
            return Results.BadRequest($"redirect_uri is not registered: {query["redirect_uri"]}");
        }

        if (query["response_type"] != "code")
        {
            return Results.BadRequest("only response_type=code is supported");
        }

        if (!query["scope"].ToString().Split(' ').Contains("openid", StringComparer.Ordinal))
        {
            return Results.BadRequest("scope must include openid");
        }

        if (query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("a PKCE S256 code_challenge is required");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _grants[code] = new Grant(SignInAs, RedirectUri, query["code_challenge"]!, query["nonce"].ToString(), Fault);
        var answer = new Dictionary<string, string> { ["code"] = code };
        if (query["state"] is { Count: > 0 } state)
        {
            answer["state"] = state!;
        }

        if (query["response_mode"] == "form_post")
        {
            // The browser posts the answer to the app (OIDC Form Post Response Mode); a test reads this form and posts it.
            var html = new StringBuilder($"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{HtmlEncoder.Default.Encode(RedirectUri)}\">");
            foreach (var (name, value) in answer)
            {
                html.Append("<input type=\"hidden\" name=\"").Append(HtmlEncoder.Default.Encode(name))
                    .Append("\" value=\"").Append(HtmlEncoder.Default.Encode(value)).Append("\"/>");
            }

            return Results.Content(html.Append("</form></body></html>").ToString(), "text/html");
        }

        return Results.Redirect(RedirectUri + "?" + string.Join("&", answer.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (form["grant_type"] != "authorization_code" || !_grants.TryRemove(form["code"].ToString(), out var grant))
        {
            return Error("unknown, used or missing authorization code");
        }

        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return Error("redirect_uri differs from the authorization request's");
        }

        var verifier = form["code_verifier"].ToString();
        if (verifier.Length < 43 || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.CodeChallenge)
        {
            return Error("code_verifier does not match the code_challenge");
        }

        Interlocked.Increment(ref _codesExchanged);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var signingKey = new RsaSecurityKey(grant.Fault == TokenFault.ForeignKey ? _foreignKey : _key) { KeyId = _keyId };
        var idToken = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = grant.Fault == TokenFault.WrongAudience ? "another-client" : ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "sub-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grant.User)))[..16],
                ["nonce"] = grant.Fault == TokenFault.WrongNonce ? "not-the-apps-nonce" : grant.Nonce,
                [UserNameClaim] = grant.User,
            },
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });

        static IResult Error(string description) => Results.Json(new { error = "invalid_grant", error_description = description }, statusCode: StatusCodes.Status400BadRequest);
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (WebUtility.UrlDecode(pair[0]), pair.Length == 2 ? WebUtility.UrlDecode(pair[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }

    private sealed record Grant(string User, string RedirectUri, string CodeChallenge, string Nonce, TokenFault Fault);
}
