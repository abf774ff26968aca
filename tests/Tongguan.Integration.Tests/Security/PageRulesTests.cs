using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Tongguan.Cases.UI;
using AccessPolicies = Tongguan.Cases.Access.Policies;

namespace Tongguan.Integration.Tests.Security;

/// <summary>
/// The web app's pages, read from the assemblies the app serves: every routable page declares who may open it. The
/// circuit's hub is open to anonymous users (the citizen portal is interactive), so inside a circuit a page without
/// a rule would render for anyone; this makes a forgotten rule fail the build's tests instead.
/// </summary>
public sealed class PageRulesTests
{
    private static IEnumerable<Type> Pages() =>
        WebAppModule.PageAssemblies.Append(typeof(WebAppModule).Assembly)
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void EveryPage_DeclaresAPolicyOrIsExplicitlyAnonymous()
    {
        var pages = Pages().ToList();
        Assert.True(pages.Count >= 10, $"only {pages.Count} pages found");

        var unruled = pages
            .Where(p => p.GetCustomAttribute<AllowAnonymousAttribute>() is null && p.GetCustomAttribute<AuthorizeAttribute>() is null)
            .Select(p => p.FullName)
            .ToList();

        Assert.Empty(unruled);
    }

    [Fact]
    public void EveryPagePolicy_IsANamedPolicyWithRoles()
    {
        var policies = Pages()
            .Select(p => p.GetCustomAttribute<AuthorizeAttribute>())
            .Where(a => a is not null)
            .Select(a => a!.Policy)
            .ToList();

        Assert.All(policies, policy => Assert.True(
            policy is not null && AccessPolicies.RolesOf.ContainsKey(policy),
            $"a page requires policy '{policy}', which names no roles in Policies.RolesOf"));
    }

    [Fact]
    public void OnlySignInAndPortalPages_AreAnonymous()
    {
        var anonymous = Pages()
            .Where(p => p.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .SelectMany(p => p.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToList();

        Assert.All(anonymous, route => Assert.True(
            route.StartsWith("/portal", StringComparison.Ordinal) || route.StartsWith("/account/", StringComparison.OrdinalIgnoreCase),
            $"'{route}' is open to anonymous users"));
    }
}
