using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;
using Tongguan.Cases.Forms;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Open311.ApiKeys;

public sealed record CreateOpen311KeyRequest(string? Name);

/// <summary>A key as admins see it: never the key itself, only when it was made and whether it still works.</summary>
public sealed record Open311KeyView(Guid Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static Open311KeyView From(Open311ApiKey key) => new(key.Id, key.Name, key.CreatedAt, key.CreatedBy, key.RevokedAt);
}

/// <summary>The answer to creating a key: the only response that ever contains <paramref name="Key"/>.</summary>
public sealed record CreatedOpen311Key(Guid Id, string Name, string Key, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>/api/admin/open311-keys: admins (role <c>admin</c> in the reference data) manage the api keys of Open311 clients.</summary>
public static class Open311KeysApi
{
    public const int MaxNameLength = 100;

    public static RouteGroupBuilder MapOpen311KeysApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/open311-keys").WithTags("Open311");
        group.RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateAsync).WithName("CreateOpen311Key")
            .WithSummary("Creates an api key for an Open311 client; the answer shows the key once, only its hash is kept.");
        group.MapGet("/", ListAsync).WithName("ListOpen311Keys").WithSummary("Every api key, without the keys themselves.");
        group.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeOpen311Key")
            .WithSummary("Revokes a key: requests with it are refused from now on (403).");
        return group;
    }

    private static async Task<Results<Created<CreatedOpen311Key>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOpen311KeyRequest request, HttpContext context, ReferenceDataSnapshot data, Open311ApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (Forbidden(context, data) is { } forbidden)
        {
            return forbidden;
        }

        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || PlainText.Problem(name) is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["name"] = [$"Name the client the key is for: 1 to {MaxNameLength} characters of plain text."] },
                title: "The key cannot be created as asked");
        }

        var (key, secret) = await keys.CreateAsync(name, context.GetCaller(data).Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/admin/open311-keys/{key.Id}", new CreatedOpen311Key(key.Id, key.Name, secret, key.CreatedAt, key.CreatedBy));
    }

    private static async Task<Results<Ok<List<Open311KeyView>>, ProblemHttpResult>> ListAsync(
        HttpContext context, ReferenceDataSnapshot data, Open311ApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (Forbidden(context, data) is { } forbidden)
        {
            return forbidden;
        }

        var all = await keys.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(all.Select(Open311KeyView.From).ToList());
    }

    private static async Task<Results<Ok<Open311KeyView>, ProblemHttpResult>> RevokeAsync(
        Guid id, HttpContext context, ReferenceDataSnapshot data, Open311ApiKeyStore keys, CancellationToken cancellationToken)
    {
        if (Forbidden(context, data) is { } forbidden)
        {
            return forbidden;
        }

        var key = await keys.RevokeAsync(id, cancellationToken).ConfigureAwait(false);
        return key is null
            ? TypedResults.Problem($"There is no Open311 api key {id}.", statusCode: StatusCodes.Status404NotFound, title: "Key not found")
            : TypedResults.Ok(Open311KeyView.From(key));
    }

    private static Caller GetCaller(this HttpContext context, ReferenceDataSnapshot data) => Caller.Of(context, data);

    private static ProblemHttpResult? Forbidden(HttpContext context, ReferenceDataSnapshot data) =>
        context.GetCaller(data).HasRole(Roles.Admin)
            ? null
            : TypedResults.Problem(
                "Only administrators (role admin) manage Open311 api keys.", statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
}
