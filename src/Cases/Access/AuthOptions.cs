using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.Access;

/// <summary>Sign-in settings (<c>Tongguan:Auth</c>); validated when the host starts (docs/operators/security.md).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Tongguan:Auth";

    /// <summary>
    /// The password given to reference data users created at start. Required while no account exists yet (a first
    /// start), except that then the host refuses to start; afterwards operators set passwords with <c>users set-password</c>.
    /// </summary>
    public string? InitialPassword { get; set; }

    [Required]
    public PasswordRules Password { get; set; } = new();

    [Required]
    public LockoutRules Lockout { get; set; } = new();

    [Required]
    public BearerTokenSettings Tokens { get; set; } = new();

    [Required]
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>
    /// A folder for the data-protection keys that sign cookies and bearer tokens. Several app nodes behind one
    /// address must share it (or tokens issued by one node fail on another); empty keeps the framework's default.
    /// </summary>
    public string? KeysPath { get; set; }
}

public sealed class PasswordRules
{
    [Range(10, 128)]
    public int RequiredLength { get; set; } = 10;

    public bool RequireDigit { get; set; } = true;

    public bool RequireLowercase { get; set; } = true;

    public bool RequireUppercase { get; set; } = true;

    public bool RequireNonAlphanumeric { get; set; }
}

public sealed class LockoutRules
{
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int Minutes { get; set; } = 15;
}

public sealed class BearerTokenSettings
{
    [Range(1, 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 60;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 7;
}

/// <summary>
/// A city's own identity provider (<c>Tongguan:Auth:Oidc</c>); off while <see cref="Authority"/> is empty. The claim
/// named by <see cref="UserNameClaim"/> must carry the reference data user id.
/// </summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    [Required]
    public string UserNameClaim { get; set; } = "preferred_username";

    [Required]
    public string CallbackPath { get; set; } = "/signin-oidc";

    [Required]
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c>.</summary>
    public IList<string> Scopes { get; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
