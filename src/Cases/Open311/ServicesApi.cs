using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Open311;

/// <summary>GET services.{format} and services/{service_code}.{format}: the category tree as GeoReport v2 services.</summary>
public static class ServicesApi
{
    public static IEndpointRouteBuilder MapOpen311ServicesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Open311Module.BasePath).WithTags("Open311");
        group.AllowAnonymous(); // public: the service list of GeoReport v2
        group.MapGet("/services.{format}", List).WithName("Open311Services")
            .WithSummary("GeoReport v2 service list: one service per leaf category (service_code = category code).");
        group.MapGet("/services/{serviceCode}.{format}", Definition).WithName("Open311ServiceDefinition")
            .WithSummary("GeoReport v2 service definition: the attributes a service asks.");
        return group;
    }

    private static Open311Result List(
        string format, Open311ServiceCatalog catalog, IOptions<Open311Options> options, [FromQuery(Name = "jurisdiction_id")] string? jurisdictionId = null)
    {
        if (Open311Http.ParseFormat(format) is not { } f)
        {
            return Open311Http.UnknownFormat(format);
        }

        if (Open311Http.CheckJurisdiction(f, jurisdictionId, options) is { } notFound)
        {
            return notFound;
        }

        var services = catalog.Services.Select(s => (object?)ToService(s)).ToList();
        return new Open311Result(f, StatusCodes.Status200OK, new Open311Body("services", new Open311List("service", services)));
    }

    private static Open311Result Definition(
        string serviceCode, string format, Open311ServiceCatalog catalog, IOptions<Open311Options> options,
        [FromQuery(Name = "jurisdiction_id")] string? jurisdictionId = null)
    {
        if (Open311Http.ParseFormat(format) is not { } f)
        {
            return Open311Http.UnknownFormat(format);
        }

        if (Open311Http.CheckJurisdiction(f, jurisdictionId, options) is { } notFound)
        {
            return notFound;
        }

        if (catalog.Find(serviceCode) is not { } service)
        {
            return Open311Result.Error(f, StatusCodes.Status404NotFound, $"service_code '{serviceCode}' was not found; GET services.{format} lists them.");
        }

        var attributes = service.Attributes.Select((a, i) => (object?)new Open311Record
        {
            { "variable", true },
            { "code", a.Code },
            { "datatype", a.DatatypeText },
            { "required", a.Required },
            { "datatype_description", a.DatatypeDescription },
            { "order", i + 1 },
            { "description", $"{a.Description.Zh} / {a.Description.En}" },
            { "values", a.IsList ? new Open311List("value", [.. a.Values.Select(v => (object?)new Open311Record { { "key", v.Key }, { "name", $"{v.Name.Zh} / {v.Name.En}" } })]) : null },
        }).ToList();
        var definition = new Open311Record
        {
            { "service_code", service.Code },
            { "attributes", new Open311List("attribute", attributes) },
        };
        return new Open311Result(f, StatusCodes.Status200OK, new Open311Body("service_definition", definition));
    }

    private static Open311Record ToService(Open311Service service)
    {
        var category = service.Category;
        return new Open311Record
        {
            { "service_code", category.Code },
            { "service_name", category.Names.Zh },
            { "description", $"{category.Names.En}（{category.Names.Zh}）" },
            { "metadata", service.HasMetadata },
            { "type", "realtime" },
            { "keywords", string.Join(", ", Keywords(service)) },
            { "group", service.Major.Names.Zh },
        };
    }

    /// <summary>Synonyms a client can search by: the names in both languages, the major's names and the kind.</summary>
    private static IEnumerable<string> Keywords(Open311Service service) =>
        new[]
        {
            service.Category.Names.Zh, service.Category.Names.En, service.Major.Names.Zh, service.Major.Names.En,
            service.Category.Kind == CategoryKind.Component ? "部件" : "事件", service.Category.Kind == CategoryKind.Component ? "component" : "event",
        }.Select(k => k.Replace(',', ' ')).Distinct(StringComparer.Ordinal);
}
