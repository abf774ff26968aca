using System.Globalization;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Open311;

/// <summary>The GeoReport v2 attribute datatypes.</summary>
public enum AttributeDatatype
{
    /// <summary><c>string</c>: one line of text.</summary>
    SingleLine,

    /// <summary><c>number</c>.</summary>
    Number,

    /// <summary><c>datetime</c>: ISO 8601.</summary>
    Datetime,

    /// <summary><c>text</c>: may hold line breaks.</summary>
    MultiLine,

    /// <summary><c>singlevaluelist</c>: one of the values.</summary>
    SingleValueList,

    /// <summary><c>multivaluelist</c>: any of the values.</summary>
    MultiValueList,
}

/// <summary>One option of a list attribute: <paramref name="Key"/> is what clients send, the name what people read.</summary>
public sealed record AttributeValue(string Key, LocalizedName Name);

/// <summary>An extra question a service asks (GeoReport v2 <c>attribute</c>); answers are appended to the case description.</summary>
public sealed record AttributeDefinition(
    string Code, AttributeDatatype Datatype, bool Required, LocalizedName Description, IReadOnlyList<AttributeValue> Values, string? DatatypeDescription = null)
{
    public bool IsList => Datatype is AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList;

    /// <summary>The datatype as the spec spells it.</summary>
    public string DatatypeText => Datatype switch
    {
        AttributeDatatype.SingleLine => "string",
        AttributeDatatype.MultiLine => "text",
        _ => Datatype.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// The attributes Open311 services ask, keyed by a leaf category code or a major code (every leaf of the major asks
/// them, after the leaf's own). Data, not code: checked against the reference data when the catalog is built.
/// </summary>
public static class ServiceAttributeData
{
    private static readonly LocalizedName Missing = new("缺失", "missing");
    private static readonly LocalizedName Damaged = new("破损", "damaged");

    private static readonly AttributeDefinition ComponentCondition = new(
        "CONDITION",
        AttributeDatatype.SingleValueList,
        Required: true,
        new("设施现状", "What is wrong with it?"),
        [new("missing", Missing), new("damaged", Damaged), new("displaced", new("移位", "displaced")), new("other", new("其他", "other"))]);

    public static IReadOnlyDictionary<string, IReadOnlyList<AttributeDefinition>> Default { get; } = new Dictionary<string, IReadOnlyList<AttributeDefinition>>(StringComparer.Ordinal)
    {
        ["B01"] = [ComponentCondition],
        ["B02"] = [ComponentCondition],
        ["B03"] = [ComponentCondition],
        ["B04"] = [ComponentCondition],
        ["S01"] = [new("ONGOING", AttributeDatatype.SingleValueList, Required: false, new("问题持续多久了？", "How long has it been like this?"),
            [new("today", new("今天出现", "since today")), new("days", new("几天了", "for a few days")), new("weeks", new("一周以上", "for more than a week"))])],
        ["S05"] = [new("PLATE", AttributeDatatype.SingleLine, Required: false, new("车牌号（如有）", "Licence plate, if any"), [], "如 沪A12345 / e.g. 沪A12345")],
        ["S06"] = [new("WHEN", AttributeDatatype.MultiValueList, Required: false, new("通常什么时候发生？", "When does it usually happen?"),
            [new("morning", new("上午", "morning")), new("afternoon", new("下午", "afternoon")), new("evening", new("晚上", "evening")), new("night", new("深夜", "late at night"))])],
        ["S0302"] = [new("SINCE", AttributeDatatype.Datetime, Required: false, new("施工从何时开始？", "Since when has the work been going on?"), [], "ISO 8601, e.g. 2026-03-02T22:00:00+08:00")],
    };
}

/// <summary>A GeoReport v2 service: a leaf category of the reference data with its attributes.</summary>
public sealed record Open311Service(Category Category, CategoryMajor Major, IReadOnlyList<AttributeDefinition> Attributes)
{
    public string Code => Category.Code;

    public bool HasMetadata => Attributes.Count > 0;
}

/// <summary>
/// The services offered over Open311: one per leaf category of the reference data, with the attributes of
/// <see cref="ServiceAttributeData"/>. Built once; thread-safe to read.
/// </summary>
public sealed class Open311ServiceCatalog
{
    private readonly Dictionary<string, Open311Service> _services;

    public Open311ServiceCatalog(ReferenceDataSnapshot data)
        : this(data, ServiceAttributeData.Default)
    {
    }

    /// <exception cref="InvalidOperationException">The attribute data do not fit the reference data or the spec; the message lists every problem.</exception>
    public Open311ServiceCatalog(ReferenceDataSnapshot data, IReadOnlyDictionary<string, IReadOnlyList<AttributeDefinition>> attributes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attributes);
        var problems = Check(data, attributes);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Open311 service attributes are not valid: " + string.Join(" ", problems));
        }

        _services = data.Categories.ToDictionary(
            c => c.Code,
            c => new Open311Service(c, data.FindMajor(c.Major)!, [.. attributes.GetValueOrDefault(c.Code) ?? [], .. attributes.GetValueOrDefault(c.Major) ?? []]),
            StringComparer.Ordinal);
        Services = [.. _services.Values.OrderBy(s => s.Code, StringComparer.Ordinal)];
    }

    public IReadOnlyList<Open311Service> Services { get; }

    public Open311Service? Find(string code) => _services.GetValueOrDefault(code);

    /// <summary>Every problem of the attribute data, as sentences; empty when they are fine.</summary>
    public static IReadOnlyList<string> Check(ReferenceDataSnapshot data, IReadOnlyDictionary<string, IReadOnlyList<AttributeDefinition>> attributes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(attributes);
        var problems = new List<string>();
        foreach (var (code, list) in attributes)
        {
            if (data.FindCategory(code) is null && data.FindMajor(code) is null)
            {
                problems.Add($"'{code}' is neither a category nor a major category of the reference data.");
            }

            foreach (var attribute in list)
            {
                var where = $"{code}/{attribute.Code}";
                if (string.IsNullOrWhiteSpace(attribute.Code) || attribute.Code.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
                {
                    problems.Add($"{where}: an attribute code is letters, digits and '_'.");
                }

                if (!Enum.IsDefined(attribute.Datatype))
                {
                    problems.Add($"{where}: unknown datatype {attribute.Datatype}.");
                }

                if (attribute.IsList != (attribute.Values.Count > 0))
                {
                    problems.Add($"{where}: list datatypes need values, and only they have values.");
                }

                if (attribute.Values.Select(v => v.Key).Distinct(StringComparer.Ordinal).Count() != attribute.Values.Count)
                {
                    problems.Add($"{where}: value keys repeat.");
                }
            }
        }

        // Codes must be unique within each service, which sees its leaf's attributes and its major's.
        foreach (var category in data.Categories)
        {
            var codes = (attributes.GetValueOrDefault(category.Code) ?? []).Concat(attributes.GetValueOrDefault(category.Major) ?? []).Select(a => a.Code).ToList();
            if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
            {
                problems.Add($"{category.Code}: attribute codes repeat between the category and its major.");
            }
        }

        return problems;
    }

    /// <summary>
    /// Checks the answers a client sent (<c>attribute[code]=value</c>, <c>attribute[code][]=value</c>) and turns them
    /// into lines for the case description ("设施现状: 破损"); the errors name the attribute and what is wrong.
    /// </summary>
    public static (List<string> Lines, List<string> Errors) Answer(Open311Service service, IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(answers);
        var lines = new List<string>();
        var errors = new List<string>();
        foreach (var code in answers.Keys.Where(k => service.Attributes.All(a => a.Code != k)))
        {
            errors.Add($"attribute[{code}] is not an attribute of service {service.Code}; see services/{service.Code} for its attributes.");
        }

        foreach (var attribute in service.Attributes)
        {
            var given = (answers.GetValueOrDefault(attribute.Code) ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            if (given.Count == 0)
            {
                if (attribute.Required)
                {
                    errors.Add($"attribute[{attribute.Code}] is required: {attribute.Description.En}.");
                }

                continue;
            }

            if (given.Count > 1 && attribute.Datatype != AttributeDatatype.MultiValueList)
            {
                errors.Add($"attribute[{attribute.Code}] takes one value.");
                continue;
            }

            if (Problem(attribute, given) is { } problem)
            {
                errors.Add($"attribute[{attribute.Code}] {problem}");
                continue;
            }

            var shown = attribute.IsList ? given.Select(k => attribute.Values.First(v => v.Key == k).Name.Zh) : given;
            lines.Add($"{attribute.Description.Zh} {string.Join("、", shown)}");
        }

        return (lines, errors);
    }

    private static string? Problem(AttributeDefinition attribute, List<string> given)
    {
        const int MaxLength = 500;
        if (given.Any(v => v.Length > MaxLength))
        {
            return $"is longer than {MaxLength} characters.";
        }

        if (given.Any(v => Forms.PlainText.Problem(v) is not null))
        {
            return Forms.PlainText.Rule + ".";
        }

        return attribute.Datatype switch
        {
            AttributeDatatype.SingleLine when given[0].Contains('\n', StringComparison.Ordinal) => "is a single line.",
            AttributeDatatype.Number when !double.TryParse(given[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || !double.IsFinite(n) => $"'{given[0]}' is not a number.",
            AttributeDatatype.Datetime when !DateTimeOffset.TryParse(given[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => $"'{given[0]}' is not an ISO 8601 date and time.",
            AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList when given.FirstOrDefault(k => attribute.Values.All(v => v.Key != k)) is { } unknown =>
                $"'{unknown}' is not one of {string.Join(", ", attribute.Values.Select(v => v.Key))}.",
            _ => null,
        };
    }
}
