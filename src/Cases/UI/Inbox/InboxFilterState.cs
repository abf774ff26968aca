using System.Globalization;
using Tongguan.Cases.Inbox;
using Tongguan.Cases.Model;

namespace Tongguan.Cases.UI.Inbox;

/// <summary>The due-state filter choices of the inbox page (the API filters by overdue and by due-before).</summary>
public enum DueFilter
{
    Any,
    Overdue,
    NotOverdue,
    WithinDay,
}

/// <summary>The inbox page's filter and sort choices, and the <c>GET /api/inbox</c> address they make.</summary>
public sealed record InboxFilterState(
    InboxView View = InboxView.All,
    CaseStatus? Status = null,
    string? Category = null,
    DueFilter Due = DueFilter.Any,
    InboxSort Sort = InboxSort.Due,
    int Take = 100)
{
    public string Url(DateTimeOffset now)
    {
        var query = new List<string> { $"view={View}", $"sort={Sort}", $"take={Take.ToString(CultureInfo.InvariantCulture)}" };
        if (Status is { } status)
        {
            query.Add($"caseStatus={status}");
        }

        if (Category?.Trim() is { Length: > 0 } category)
        {
            query.Add($"category={Uri.EscapeDataString(category.ToUpperInvariant())}");
        }

        switch (Due)
        {
            case DueFilter.Overdue:
                query.Add("overdue=true");
                break;
            case DueFilter.NotOverdue:
                query.Add("overdue=false");
                break;
            case DueFilter.WithinDay:
                // Not yet overdue, but due before this time tomorrow.
                query.Add("overdue=false");
                query.Add($"dueBefore={Uri.EscapeDataString(now.AddDays(1).ToString("O", CultureInfo.InvariantCulture))}");
                break;
        }

        return "/api/inbox?" + string.Join('&', query);
    }
}
