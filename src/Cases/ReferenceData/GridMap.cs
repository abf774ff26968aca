using Microsoft.AspNetCore.Http.HttpResults;

namespace Tongguan.Cases.ReferenceData;

/// <summary>
/// The city's grid cells as a GeoJSON feature collection: the maps' base layer. Maps draw these polygons instead of
/// tiles, so they work where no tile server is reachable (a city's internal network). Cell geometry and unit names are
/// public knowledge, which is why the citizen portal may read this without signing in.
/// </summary>
public static class GridMap
{
    public sealed record GridMapDocument(string Type, IReadOnlyList<Feature> Features);

    public sealed record Feature(string Type, string Id, Geometry Geometry, CellProperties Properties);

    public sealed record Geometry(string Type, IReadOnlyList<IReadOnlyList<double[]>> Coordinates);

    public sealed record CellProperties(
        string Cell,
        string Community,
        string? Street,
        string? District,
        LocalizedName? CommunityNames,
        LocalizedName? StreetNames,
        LocalizedName? DistrictNames,
        double[] Centroid);

    public static Ok<GridMapDocument> Get(ReferenceDataSnapshot data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var features = data.GridCells.Select(cell => ToFeature(data, cell)).ToList();
        return TypedResults.Ok(new GridMapDocument("FeatureCollection", features));
    }

    private static Feature ToFeature(ReferenceDataSnapshot data, GridCell cell)
    {
        var community = data.FindOrgUnit(cell.CommunityId);
        var street = community?.ParentId is { } streetId ? data.FindOrgUnit(streetId) : null;
        var district = street?.ParentId is { } districtId ? data.FindOrgUnit(districtId) : null;
        // GeoJSON wants [lon, lat] and a closed ring.
        var ring = cell.Polygon.Select(p => new[] { p.Lon, p.Lat }).ToList();
        if (ring.Count > 0 && (ring[0][0] != ring[^1][0] || ring[0][1] != ring[^1][1]))
        {
            ring.Add(ring[0]);
        }

        return new Feature(
            "Feature",
            cell.Id,
            new Geometry("Polygon", [ring]),
            new CellProperties(
                cell.Id,
                cell.CommunityId,
                street?.Id,
                district?.Id,
                community?.Names,
                street?.Names,
                district?.Names,
                [cell.Centroid.Lon, cell.Centroid.Lat]));
    }
}
