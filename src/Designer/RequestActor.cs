using Microsoft.AspNetCore.Http;
using Tongguan.Workflows.Execution;

namespace Tongguan.Designer;

/// <summary>
/// Who is calling. TEMPORARY until authentication arrives: the caller names itself in the
/// <c>X-Tongguan-User</c> header (default <c>anonymous</c>) and nothing checks it.
/// </summary>
public static class RequestActor
{
    public const string HeaderName = "X-Tongguan-User";

    public const string Anonymous = "anonymous";

    public static Actor GetActor(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Request.Headers[HeaderName].ToString().Trim();
        return new Actor(string.IsNullOrEmpty(user) ? Anonymous : user);
    }
}
