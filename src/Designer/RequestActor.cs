using Microsoft.AspNetCore.Http;
using Tongguan.Workflows.Execution;

namespace Tongguan.Designer;

/// <summary>
/// Who is calling: the name of the authenticated user (the reference data user id — the host's sign-in makes the
/// account's user name that id), or <see cref="Anonymous"/> for a request nobody signed in for (public endpoints).
/// </summary>
public static class RequestActor
{
    public const string Anonymous = "anonymous";

    public static Actor GetActor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } user } ? user : null;
        return new Actor(name ?? Anonymous);
    }
}
