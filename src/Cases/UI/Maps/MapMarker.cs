namespace Tongguan.Cases.UI.Maps;

/// <summary>A point on a <see cref="CaseMap"/>; clicking it follows <paramref name="Href"/> when given.</summary>
public sealed record MapMarker(string Id, double Lat, double Lon, string? Label, string? Color, string? Href);
