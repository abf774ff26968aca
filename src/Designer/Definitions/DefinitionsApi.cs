using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tongguan.Workflows.Runtime;
using Tongguan.Workflows.Validation;
using Tongguan.Workflows.Versioning;

namespace Tongguan.Designer.Definitions;

/// <summary>Definition management: drafts, validation, publishing immutable versions, migrating instances.</summary>
public static class DefinitionsApi
{
    /// <summary>The authorisation policy of every definition endpoint; the host defines it (designers and admins).</summary>
    public const string Policy = "design";

    public static RouteGroupBuilder MapDefinitionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/definitions").WithTags("Definitions");
        group.RequireAuthorization(Policy);

        group.MapGet("/", ListKeysAsync).WithName("ListDefinitions")
            .WithSummary("Every definition key with its latest published version.");
        group.MapGet("/{key}/versions", ListVersionsAsync).WithName("ListDefinitionVersions");
        group.MapGet("/{key}/versions/{version:int}", GetVersionXmlAsync).WithName("GetDefinitionVersionXml")
            .WithSummary("The BPMN XML of one published version.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");
        group.MapGet("/{key}/draft", GetDraftXmlAsync).WithName("GetDefinitionDraftXml")
            .Produces<string>(StatusCodes.Status200OK, "application/xml");
        group.MapPut("/{key}/draft", SaveDraftAsync).WithName("SaveDefinitionDraft")
            .WithSummary("Creates or replaces the draft (raw BPMN XML body); drafts are not validated.")
            .Accepts<string>(BpmnBody.ContentTypes[0], BpmnBody.ContentTypes[1..]);
        group.MapPost("/{key}/draft/publish", PublishDraftAsync).WithName("PublishDefinitionDraft");
        group.MapPost("/validate", ValidateAsync).WithName("ValidateDefinition")
            .WithSummary("Validates BPMN XML: 200 with warnings when it can be published, 400 problem details listing every problem otherwise.")
            .Accepts<string>(BpmnBody.ContentTypes[0], BpmnBody.ContentTypes[1..]);
        group.MapPost("/", PublishAsync).WithName("PublishDefinition")
            .WithSummary("Publishes each executable process of the XML body as a new version; unchanged content returns the current version with 200.")
            .Accepts<string>(BpmnBody.ContentTypes[0], BpmnBody.ContentTypes[1..]);
        group.MapPost("/{key}/migrations", MigrateInstanceAsync).WithName("MigrateInstance")
            .WithSummary("Moves a running instance of the key to another version (node mapping); 409 with reasons when unsafe.");
        return group;
    }

    private static async Task<Ok<List<DefinitionSummary>>> ListKeysAsync(WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var all = await definitions.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var keys = all.GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.MaxBy(d => d.Version)!;
                return new DefinitionSummary(latest.Key, latest.Name, latest.Version, latest.PublishedAt, g.Count());
            })
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(keys);
    }

    private static async Task<Results<Ok<List<DefinitionVersionResponse>>, ProblemHttpResult>> ListVersionsAsync(
        string key, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var versions = await definitions.ListAsync(key, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return NoSuchDefinition(key);
        }

        return TypedResults.Ok(versions.OrderBy(v => v.Version).Select(DefinitionVersionResponse.From).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetVersionXmlAsync(
        string key, int version, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var definition = await definitions.GetAsync(key, version, cancellationToken).ConfigureAwait(false);
        return definition is null
            ? TypedResults.Problem($"Definition '{key}' has no published version {version}.", statusCode: StatusCodes.Status404NotFound, title: "Version not found")
            : TypedResults.Text(definition.Xml, "application/xml");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDraftXmlAsync(
        string key, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var draft = await definitions.GetDraftAsync(key, cancellationToken).ConfigureAwait(false);
        return draft is null ? NoDraft(key) : TypedResults.Text(draft.Xml, "application/xml");
    }

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> SaveDraftAsync(
        string key, HttpContext context, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var xml = await BpmnBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return EmptyBody();
        }

        var draft = await definitions.SaveDraftAsync(key, xml, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DraftResponse(draft.Key, draft.UpdatedAt, draft.UpdatedBy));
    }

    private static async Task<Results<Created<PublishResponse>, Ok<PublishResponse>, ProblemHttpResult>> PublishDraftAsync(
        string key, HttpContext context, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        if (await definitions.GetDraftAsync(key, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoDraft(key);
        }

        var result = await definitions.PublishDraftAsync(key, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return Published(result);
    }

    private static async Task<Results<Ok<ValidationResponse>, ProblemHttpResult>> ValidateAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var xml = await BpmnBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return EmptyBody();
        }

        var result = BpmnValidator.ValidateXml(xml);
        var problems = result.Problems.Select(ProblemResponse.From).ToList();
        if (!result.IsValid)
        {
            return DefinitionProblems.Rejected(result.Problems);
        }

        return TypedResults.Ok(new ValidationResponse(true, problems));
    }

    private static async Task<Results<Created<PublishResponse>, Ok<PublishResponse>, ProblemHttpResult>> PublishAsync(
        HttpContext context, WorkflowDefinitions definitions, CancellationToken cancellationToken)
    {
        var xml = await BpmnBody.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return EmptyBody();
        }

        var result = await definitions.PublishAsync(xml, context.GetActor(), cancellationToken).ConfigureAwait(false);
        return Published(result);
    }

    private static async Task<Results<Ok<MigratedInstanceResponse>, ProblemHttpResult>> MigrateInstanceAsync(
        string key, MigrateInstanceRequest request, HttpContext context, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var instance = await runtime.GetInstanceAsync(request.InstanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null || !string.Equals(instance.DefinitionKey, key, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                $"Definition '{key}' has no instance {request.InstanceId}.", statusCode: StatusCodes.Status404NotFound, title: "Instance not found");
        }

        var migrated = await runtime.MigrateInstanceAsync(
            request.InstanceId, request.TargetVersion, request.NodeMapping ?? [], context.GetActor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new MigratedInstanceResponse(migrated.Id, migrated.DefinitionKey, migrated.DefinitionVersion, migrated.Status.ToString()));
    }

    private static Results<Created<PublishResponse>, Ok<PublishResponse>, ProblemHttpResult> Published(PublishResult result)
    {
        var response = PublishResponse.From(result);
        if (result.Definitions.Any(d => d.IsNewVersion))
        {
            var first = result.Definitions.First(d => d.IsNewVersion).Definition;
            return TypedResults.Created($"/api/definitions/{Uri.EscapeDataString(first.Key)}/versions/{first.Version}", response);
        }

        return TypedResults.Ok(response);
    }

    private static ProblemHttpResult NoSuchDefinition(string key) =>
        TypedResults.Problem($"No version of definition '{key}' has been published.", statusCode: StatusCodes.Status404NotFound, title: "Definition not found");

    private static ProblemHttpResult NoDraft(string key) =>
        TypedResults.Problem($"Definition '{key}' has no draft. PUT the BPMN XML to /api/definitions/{key}/draft first.", statusCode: StatusCodes.Status404NotFound, title: "Draft not found");

    private static ProblemHttpResult EmptyBody() =>
        TypedResults.Problem("The request body must be BPMN 2.0 XML; it was empty.", statusCode: StatusCodes.Status400BadRequest, title: "Empty body");
}
