using Microsoft.AspNetCore.Http.HttpResults;
using Tongguan.Cases.Access;

namespace Tongguan.Cases.Forms;

/// <summary>
/// Read-only endpoints over the loaded <see cref="FormCatalog"/>, for the inbox to render a task's form. The
/// handlers are synchronous (the forms are in memory) and public so that they can be tested without a host.
/// </summary>
public static class FormsApi
{
    public static RouteGroupBuilder MapFormsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/forms").WithTags("Forms");
        group.RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListForms).WithName("ListForms")
            .WithSummary("Every task form (tg:formKey) with its fields, labels, limits and options.");
        group.MapGet("/{key}", GetForm).WithName("GetForm")
            .WithSummary("One task form by key.");
        return group;
    }

    public static Ok<IReadOnlyList<FormDefinition>> ListForms(FormCatalog forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        return TypedResults.Ok(forms.All);
    }

    public static Results<Ok<FormDefinition>, ProblemHttpResult> GetForm(string key, FormCatalog forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        return forms.Find(key) is { } form
            ? TypedResults.Ok(form)
            : TypedResults.Problem(
                title: "Form not found",
                detail: $"There is no form '{key}'; GET /api/forms lists the forms.",
                statusCode: StatusCodes.Status404NotFound);
    }
}
