namespace Tongguan.Cases.UI.Dispatch;

/// <summary>The parts of the inbox, case and reference answers the queue shows (enums read as text).</summary>
public sealed record QueueTask(string Id, string NodeId, string? FormKey, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset? DueAt);

public sealed record QueueCase(
    string Number, string Status, string CategoryCode, string Channel, string Urgency, string Description, string? Address, string? DistrictId, string? StreetId);

public sealed record QueueItem(QueueTask Task, QueueCase Case, string Colour);

public sealed record QueuePage(IReadOnlyList<QueueItem> Items, int Total);

public sealed record UnitNames(string Zh, string En)
{
    public string For(bool english) => english ? En : Zh;
}

public sealed record UnitView(string Id, string Level, string? ParentId, UnitNames Names, string? DepartmentType);

public sealed record CaseFileView(string Number, double Latitude, double Longitude, string? CategoryName, int ReportCount, int Returns, string? ResponsibleUnitId);

public sealed record CaseDetailView(CaseFileView Case);

public sealed record RoutingView(string Outcome, UnitView Unit, string? RuleId, string Explanation);
