using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tongguan.Sla.Calendar;

/// <summary>
/// Reads calendar files (<c>definitions/calendars/*.json</c>, format in docs/operators/business-calendar.md).
/// Files of layer <c>national</c> are applied first, then files of layer <c>local</c> (a city's own days), so a
/// local entry replaces a national one for the same date (a typhoon day on an adjusted working Saturday). Two
/// files of the same layer contradicting each other on one date are an error.
/// </summary>
public static class CalendarFiles
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads every <c>*.json</c> file of <paramref name="folder"/> (ordinal file-name order within a layer).</summary>
    public static CalendarDays LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Calendar folder '{folder}' does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(path => Parse(File.ReadAllText(path), Path.GetFileName(path)));
        return Combine(files);
    }

    /// <summary>Parses one file's JSON text; <paramref name="sourceName"/> names it in error messages.</summary>
    public static CalendarFile Parse(string json, string sourceName)
    {
        CalendarFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarFile>(json, s_json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Calendar file '{sourceName}': {ex.Message}", ex);
        }

        if (file is null)
        {
            throw new InvalidDataException($"Calendar file '{sourceName}' is empty.");
        }

        return file with { SourceName = sourceName };
    }

    /// <summary>Combines parsed files into one set of dated exceptions.</summary>
    public static CalendarDays Combine(IEnumerable<CalendarFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var holidays = new Dictionary<DateOnly, string>();
        var workingDays = new Dictionary<DateOnly, string>();
        var years = new HashSet<int>();
        foreach (var layer in files.GroupBy(f => f.Layer).OrderBy(g => g.Key))
        {
            var layerHolidays = new Dictionary<DateOnly, (string Name, string Source)>();
            var layerWorkingDays = new Dictionary<DateOnly, (string Name, string Source)>();
            foreach (var file in layer)
            {
                if (file.Layer == CalendarLayer.National && file.Year is { } year)
                {
                    years.Add(year);
                }

                foreach (var holiday in file.Holidays)
                {
                    var to = holiday.To ?? holiday.From;
                    if (to < holiday.From || to.DayNumber - holiday.From.DayNumber > 366)
                    {
                        throw new InvalidDataException($"Calendar file '{file.SourceName}': holiday '{holiday.Name}' runs from {Format(holiday.From)} to {Format(to)}.");
                    }

                    for (var date = holiday.From; date <= to; date = date.AddDays(1))
                    {
                        Claim(layerHolidays, layerWorkingDays, date, holiday.Name, file);
                    }
                }

                foreach (var working in file.WorkingDays)
                {
                    Claim(layerWorkingDays, layerHolidays, working.Date, working.Name, file);
                }
            }

            foreach (var (date, entry) in layerHolidays)
            {
                workingDays.Remove(date);
                holidays[date] = entry.Name;
            }

            foreach (var (date, entry) in layerWorkingDays)
            {
                holidays.Remove(date);
                workingDays[date] = entry.Name;
            }
        }

        return new CalendarDays(holidays, workingDays, years);
    }

    private static void Claim(
        Dictionary<DateOnly, (string Name, string Source)> target,
        Dictionary<DateOnly, (string Name, string Source)> opposite,
        DateOnly date,
        string name,
        CalendarFile file)
    {
        if (opposite.TryGetValue(date, out var other))
        {
            throw new InvalidDataException(
                $"Calendar file '{file.SourceName}': {Format(date)} ('{name}') contradicts '{other.Name}' in '{other.Source}' of the same layer.");
        }

        target[date] = (name, file.SourceName);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Which files win when two disagree on a date: local files are applied after national ones.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CalendarLayer>))]
public enum CalendarLayer
{
    National,
    Local,
}

/// <summary>One calendar file as written in <c>definitions/calendars/</c>.</summary>
public sealed record CalendarFile
{
    /// <summary>The year an official (national) calendar covers; optional for local files.</summary>
    public int? Year { get; init; }

    public CalendarLayer Layer { get; init; } = CalendarLayer.National;

    /// <summary>Region the file applies to, e.g. <c>CN</c> or a city's name; informative.</summary>
    public string? Region { get; init; }

    /// <summary>Where the dates come from (the State Council notice, a city decision); informative.</summary>
    public string? Source { get; init; }

    /// <summary>Free text: caveats, uncertainties; informative.</summary>
    public string? Notes { get; init; }

    public IReadOnlyList<CalendarHoliday> Holidays { get; init; } = [];

    public IReadOnlyList<CalendarWorkingDay> WorkingDays { get; init; } = [];

    [JsonIgnore]
    public string SourceName { get; init; } = "(inline)";
}

/// <summary>A holiday of one or more consecutive days, <c>From</c> to <c>To</c> inclusive (<c>To</c> defaults to <c>From</c>).</summary>
public sealed record CalendarHoliday(string Name, DateOnly From, DateOnly? To);

/// <summary>A date that is worked although it falls on a weekend (调休).</summary>
public sealed record CalendarWorkingDay(DateOnly Date, string Name);
