using System.ComponentModel.DataAnnotations;

namespace Tongguan.Cases.Open311;

/// <summary>Settings of the Open311 GeoReport v2 endpoint (section <c>Tongguan:Open311</c>).</summary>
public sealed class Open311Options
{
    public const string SectionName = "Tongguan:Open311";

    /// <summary>
    /// The one jurisdiction this endpoint serves. Clients may leave <c>jurisdiction_id</c> out (the spec allows it for
    /// single-jurisdiction endpoints); any other value is answered with the spec's 404 error.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9.\\-_]{1,100}$")]
    public string JurisdictionId { get; set; } = "tongguan";

    /// <summary>Service requests one api_key may POST per minute; more are answered 429 in the spec's error format.</summary>
    [Range(1, 100_000)]
    public int PostsPerMinute { get; set; } = 60;
}
