namespace Tongguan.Cases.Dedup;

/// <summary>
/// Spatial buckets for candidate lookup: a fixed grid of <see cref="CellDegrees"/> × <see cref="CellDegrees"/> cells
/// (about 280 m × 240 m at 30° N). Intake stores <see cref="KeyOf"/> with every open case in an indexed column and
/// fetches candidates with <c>WHERE bucket_key IN (KeysAround(...)) AND last_reported_at &gt;= now - window</c> —
/// never by scanning all open cases. Keys are persisted, so the cell size is a constant, not an option: changing it
/// means re-keying every open case.
/// </summary>
public static class DedupBuckets
{
    /// <summary>Cell edge in degrees of latitude and of longitude.</summary>
    public const double CellDegrees = 0.0025;

    private const int LatitudeCells = (int)(180 / CellDegrees);
    private const int LongitudeCells = (int)(360 / CellDegrees);

    /// <summary>The key of the cell holding a point: row (from the south pole) in the high 32 bits, column (from 180° W) in the low.</summary>
    public static long KeyOf(double latitude, double longitude)
    {
        ValidateCoordinates(latitude, longitude);
        return Compose(RowOf(latitude), ColumnOf(longitude));
    }

    /// <summary>
    /// The keys of every cell that can hold a point within <paramref name="radiusMetres"/> of the given point: the
    /// 3×3 block around it when the radius is at most one cell (the default 200 m), a wider block otherwise.
    /// Does not wrap across the antimeridian (no city straddles it).
    /// </summary>
    public static IReadOnlyList<long> KeysAround(double latitude, double longitude, double radiusMetres)
    {
        ValidateCoordinates(latitude, longitude);
        ArgumentOutOfRangeException.ThrowIfNegative(radiusMetres);

        // A hair more than the radius, so that rounding never loses a point exactly on the circle.
        var latitudeSpan = radiusMetres * 1.0001 / GeoDistance.MetresPerDegree;
        var south = Math.Max(-90, latitude - latitudeSpan);
        var north = Math.Min(90, latitude + latitudeSpan);

        // A degree of longitude is shortest at the band's most poleward edge; sizing the span there covers the whole circle.
        var poleward = Math.Min(89.9, Math.Max(Math.Abs(south), Math.Abs(north)));
        var longitudeSpan = radiusMetres * 1.0001 / (GeoDistance.MetresPerDegree * Math.Cos(poleward * Math.PI / 180));
        var west = Math.Max(-180, longitude - longitudeSpan);
        var east = Math.Min(180, longitude + longitudeSpan);

        int firstRow = RowOf(south), lastRow = RowOf(north);
        int firstColumn = ColumnOf(west), lastColumn = ColumnOf(east);
        var keys = new long[(lastRow - firstRow + 1) * (lastColumn - firstColumn + 1)];
        var slot = 0;
        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var column = firstColumn; column <= lastColumn; column++)
            {
                keys[slot++] = Compose(row, column);
            }
        }

        return keys;
    }

    private static int RowOf(double latitude) => Math.Min(LatitudeCells - 1, (int)Math.Floor((latitude + 90) / CellDegrees));

    private static int ColumnOf(double longitude) => Math.Min(LongitudeCells - 1, (int)Math.Floor((longitude + 180) / CellDegrees));

    private static long Compose(int row, int column) => ((long)row << 32) | (uint)column;

    private static void ValidateCoordinates(double latitude, double longitude)
    {
        if (!(latitude is >= -90 and <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be within [-90, 90].");
        }

        if (!(longitude is >= -180 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be within [-180, 180].");
        }
    }
}
