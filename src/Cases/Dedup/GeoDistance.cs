namespace Tongguan.Cases.Dedup;

/// <summary>Great-circle distances on a spherical Earth; accurate to ~0.5 % (the sphere vs WGS-84), far below geocoding error.</summary>
public static class GeoDistance
{
    /// <summary>Mean Earth radius (IUGG), in metres.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Metres per degree of latitude (and of longitude at the equator) on that sphere.</summary>
    public const double MetresPerDegree = EarthRadiusMetres * Math.PI / 180.0;

    /// <summary>The haversine distance in metres between two WGS-84 points given in degrees.</summary>
    public static double HaversineMetres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = ToRadians(latitude1);
        var phi2 = ToRadians(latitude2);
        var sinHalfDeltaPhi = Math.Sin((phi2 - phi1) / 2);
        var sinHalfDeltaLambda = Math.Sin(ToRadians(longitude2 - longitude1) / 2);
        var a = (sinHalfDeltaPhi * sinHalfDeltaPhi) + (Math.Cos(phi1) * Math.Cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Sqrt(Math.Min(1.0, a)));
    }

    private static double ToRadians(double degrees) => degrees * (Math.PI / 180.0);
}
