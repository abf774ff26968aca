using Microsoft.Extensions.Options;

namespace Tongguan.Cases.Access;

/// <summary>The rules data annotations cannot state: OIDC settings that only matter together, and an initial password that obeys the password rules.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var oidc = options.Oidc;
        if (oidc.Enabled)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add($"{AuthOptions.SectionName}:Oidc:Authority must be an absolute http(s) URL.");
            }
            else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
            {
                failures.Add($"{AuthOptions.SectionName}:Oidc:Authority must use https unless Oidc:RequireHttpsMetadata is false.");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                failures.Add($"{AuthOptions.SectionName}:Oidc:ClientId is required when Oidc:Authority is set.");
            }

            if (string.IsNullOrWhiteSpace(oidc.UserNameClaim))
            {
                failures.Add($"{AuthOptions.SectionName}:Oidc:UserNameClaim is required when Oidc:Authority is set.");
            }
        }

        if (!string.IsNullOrEmpty(options.InitialPassword) && PasswordProblems(options.InitialPassword, options.Password) is { Count: > 0 } problems)
        {
            failures.Add($"{AuthOptions.SectionName}:InitialPassword breaks the password rules: {string.Join("; ", problems)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The same checks Identity's password validator makes, so a bad initial password stops the start with a clear message.</summary>
    internal static List<string> PasswordProblems(string password, PasswordRules rules)
    {
        var problems = new List<string>();
        if (password.Length < rules.RequiredLength)
        {
            problems.Add($"at least {rules.RequiredLength} characters");
        }

        if (rules.RequireDigit && !password.Any(char.IsAsciiDigit))
        {
            problems.Add("a digit");
        }

        if (rules.RequireLowercase && !password.Any(char.IsAsciiLetterLower))
        {
            problems.Add("a lower-case letter");
        }

        if (rules.RequireUppercase && !password.Any(char.IsAsciiLetterUpper))
        {
            problems.Add("an upper-case letter");
        }

        if (rules.RequireNonAlphanumeric && password.All(char.IsAsciiLetterOrDigit))
        {
            problems.Add("a character that is neither letter nor digit");
        }

        return problems;
    }
}
