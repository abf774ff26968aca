namespace Tongguan.Sla.Mining.Kpis;

/// <summary>The dimensions a KPI report groups cases by; combine freely (department × period, district × category …).</summary>
[Flags]
public enum KpiDimensions
{
    None = 0,
    OrgUnit = 1,
    District = 2,
    Street = 4,
    Category = 8,
    Channel = 16,
}

/// <summary>
/// What a KPI report covers: cases reported in <c>[From, To)</c> (unbounded when null), grouped by
/// <paramref name="Dimensions"/> and by <paramref name="Period"/> of their report instant in the city's time zone.
/// </summary>
/// <param name="Dimensions">The dimensions to group by; none for one group of everything.</param>
/// <param name="Period">The period to split by (the report instant's local date); <see cref="PeriodKind.All"/> for no split.</param>
/// <param name="AsOf">
/// The instant the data was read at: a case not yet responded to whose response is due after it is still pending and
/// left out of the response rate. Null when every response is already judgeable (a past period read long after).
/// </param>
/// <param name="From">First report instant counted; unbounded when null.</param>
/// <param name="To">Cases reported at or after this instant are not counted; unbounded when null.</param>
public sealed record KpiQuery(
    KpiDimensions Dimensions = KpiDimensions.None,
    PeriodKind Period = PeriodKind.All,
    DateTimeOffset? AsOf = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>
/// The values of the grouped dimensions; a dimension the report does not group by is null. A case whose district or
/// street is unknown is grouped under <see cref="Unknown"/>.
/// </summary>
public sealed record KpiGroup(string? OrgUnit, string? District, string? Street, string? Category, string? Channel)
{
    public const string Unknown = "(unknown)";

    public static readonly KpiGroup Everything = new(null, null, null, null, null);

    internal static KpiGroup Of(CaseRecord record, KpiDimensions dimensions) => new(
        dimensions.HasFlag(KpiDimensions.OrgUnit) ? record.OrgUnit : null,
        dimensions.HasFlag(KpiDimensions.District) ? record.District ?? Unknown : null,
        dimensions.HasFlag(KpiDimensions.Street) ? record.Street ?? Unknown : null,
        dimensions.HasFlag(KpiDimensions.Category) ? record.Category : null,
        dimensions.HasFlag(KpiDimensions.Channel) ? record.Channel : null);

    /// <summary><c>orgUnit=城管 / category=0101</c>, or <c>all</c> for the ungrouped report.</summary>
    public override string ToString()
    {
        var parts = new List<string>(5);
        Add("orgUnit", OrgUnit);
        Add("district", District);
        Add("street", Street);
        Add("category", Category);
        Add("channel", Channel);
        return parts.Count == 0 ? "all" : string.Join(" / ", parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }
    }
}
