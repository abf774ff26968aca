using System.Globalization;
using Tongguan.Cases.UI.Localization;

namespace Tongguan.Cases.UI.Intake;

/// <summary>The intake console's text in one language (see <see cref="UiCultures"/>).</summary>
public sealed record IntakeText(
    string Title,
    string Nav,
    string Channel,
    string Category,
    string Description,
    string Address,
    string Latitude,
    string Longitude,
    string PickOnMap,
    string ReporterName,
    string ReporterPhone,
    string CheckDuplicates,
    string Checking,
    string NoDuplicates,
    string Suggestions,
    string SuggestionsHint,
    string AutoMergeHint,
    string Score,
    string Reports,
    string MergeInto,
    string FileAsNew,
    string Filed,
    string Merged,
    string NeedsReview,
    string OpenCase,
    string NewReport,
    string NextReport,
    string NotInScope,
    string DistanceReason,
    string TimeReason,
    string SameCategoryReason,
    string RelatedCategoryReason,
    string TextReason,
    string SameAddressReason,
    string DifferentAddressReason,
    string SameReporterReason,
    IReadOnlyDictionary<string, string> Channels,
    IReadOnlyDictionary<string, string> Statuses)
{
    public static readonly IntakeText English = new(
        Title: "Intake console",
        Nav: "Intake console",
        Channel: "Channel",
        Category: "Category",
        Description: "What the reporter says",
        Address: "Address",
        Latitude: "Latitude",
        Longitude: "Longitude",
        PickOnMap: "Click the map to pick the place.",
        ReporterName: "Reporter's name",
        ReporterPhone: "Reporter's phone",
        CheckDuplicates: "Check for duplicates",
        Checking: "Checking…",
        NoDuplicates: "No open case nearby looks like this report: file it as a new case.",
        Suggestions: "Possible duplicates",
        SuggestionsHint: "Open cases near the place that may be the same problem, best first. Merge into one, or file a new case.",
        AutoMergeHint: "The check is sure about the first case: without a decision, the report would join it.",
        Score: "Score",
        Reports: "reports",
        MergeInto: "Merge into this case",
        FileAsNew: "File as a new case",
        Filed: "Filed as a new case",
        Merged: "Merged into case",
        NeedsReview: "Filed for review (possible duplicate)",
        OpenCase: "Open the case",
        NewReport: "New report",
        NextReport: "Next report",
        NotInScope: "outside your scope",
        DistanceReason: "{0} m away",
        TimeReason: "reported {0} apart",
        SameCategoryReason: "same category",
        RelatedCategoryReason: "related category (same group)",
        TextReason: "text {0}% similar",
        SameAddressReason: "same house number",
        DifferentAddressReason: "different house numbers",
        SameReporterReason: "same reporter phone",
        Channels: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Hotline12345"] = "12345 hotline",
            ["CitizenApp"] = "Citizen app",
            ["GridInspector"] = "Grid inspector",
            ["IotAlert"] = "Sensor alert",
            ["LeadershipInstruction"] = "Leadership instruction",
            ["Web"] = "Web",
        },
        Statuses: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Registered"] = "awaiting review",
            ["Filed"] = "filed",
            ["Dispatched"] = "dispatched",
            ["Handling"] = "in handling",
            ["Verifying"] = "verifying",
        });

    public static readonly IntakeText Chinese = new(
        Title: "受理台",
        Nav: "受理台",
        Channel: "来源渠道",
        Category: "案件类别",
        Description: "诉求内容",
        Address: "地址",
        Latitude: "纬度",
        Longitude: "经度",
        PickOnMap: "在地图上点击选择位置。",
        ReporterName: "反映人姓名",
        ReporterPhone: "反映人电话",
        CheckDuplicates: "查重",
        Checking: "查重中…",
        NoDuplicates: "附近没有相似的在办案件：请立为新案件。",
        Suggestions: "疑似重复案件",
        SuggestionsHint: "附近可能是同一问题的在办案件，按相似度排序。可合并到其中一件，或立为新案件。",
        AutoMergeHint: "系统对第一件案件把握很大：若不作决定，诉求将自动并入该案件。",
        Score: "相似度",
        Reports: "条诉求",
        MergeInto: "合并到此案件",
        FileAsNew: "立为新案件",
        Filed: "已立为新案件",
        Merged: "已合并到案件",
        NeedsReview: "已登记，待受理审核（疑似重复）",
        OpenCase: "查看案件",
        NewReport: "新诉求",
        NextReport: "登记下一条",
        NotInScope: "不在您的范围内",
        DistanceReason: "相距 {0} 米",
        TimeReason: "上报时间相隔 {0}",
        SameCategoryReason: "同一类别",
        RelatedCategoryReason: "相关类别（同一大类）",
        TextReason: "文字相似度 {0}%",
        SameAddressReason: "门牌号相同",
        DifferentAddressReason: "门牌号不同",
        SameReporterReason: "同一反映人电话",
        Channels: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Hotline12345"] = "12345 热线",
            ["CitizenApp"] = "随手拍",
            ["GridInspector"] = "网格员",
            ["IotAlert"] = "物联感知",
            ["LeadershipInstruction"] = "领导批示",
            ["Web"] = "网站",
        },
        Statuses: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Registered"] = "待受理审核",
            ["Filed"] = "已立案",
            ["Dispatched"] = "已派遣",
            ["Handling"] = "处置中",
            ["Verifying"] = "核查中",
        });

    public static IntakeText For(CultureInfo culture) => UiCultures.IsEnglish(culture) ? English : Chinese;

    public static IntakeText ForCurrentCulture => For(CultureInfo.CurrentUICulture);

    public string ChannelName(string channel) => Channels.GetValueOrDefault(channel, channel);

    /// <summary>An open case's status; suggestions are open cases, so other statuses keep the API's name.</summary>
    public string StatusName(string status) => Statuses.GetValueOrDefault(status, status);

    public static string Format(string template, params object[] values) => string.Format(CultureInfo.CurrentCulture, template, values);
}
