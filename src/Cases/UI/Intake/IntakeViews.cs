namespace Tongguan.Cases.UI.Intake;

/// <summary>
/// The parts of the intake API's answers the console shows. Enums are read as text: the API writes them as names,
/// and the browser client reads JSON without the host's enum converter.
/// </summary>
public sealed record CategoryNames(string Zh, string En)
{
    public string For(bool english) => english ? En : Zh;
}

public sealed record CategoryView(string Code, string Major, CategoryNames Names);

public sealed record CategoryMajorView(string Code, CategoryNames Names, IReadOnlyList<CategoryView> Categories);

public sealed record ReasonView(string Code, string Text);

public sealed record FactorsView(double DistanceMetres, TimeSpan TimeApart, string Category, double TextSimilarity, string Address, bool SameReporter);

public sealed record SuggestedCaseView(
    string Status, string CategoryCode, string Description, string? Address, double Latitude, double Longitude, int ReportCount, DateTimeOffset ReportedAt);

public sealed record SuggestionView(string CaseNumber, double Score, string Decision, IReadOnlyList<ReasonView> Reasons, FactorsView Factors, SuggestedCaseView? Case);

public sealed record DuplicateCheckView(string Decision, IReadOnlyList<SuggestionView> Suggestions);

public sealed record IntakeOutcomeView(string CaseNumber, string TrackingCode, string Outcome, string CaseStatus);
