using System.Xml;
using System.Xml.Linq;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Cases.SlaApply;

/// <summary>
/// Sets one limit of one user task in BPMN XML, leaving everything else as written: other attributes, the diagram
/// (<c>bpmndi</c>), comments and whitespace.
/// </summary>
internal sealed class ProcessLimitEdit
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Tg = "https://tongguan.dev/schema/bpmn";

    private readonly XDocument _document;
    private readonly XElement _task;

    private ProcessLimitEdit(XDocument document, XElement task)
    {
        _document = document;
        _task = task;
    }

    /// <summary>The task's <c>tg:timeLimit</c> as written; null when it has none.</summary>
    public string? TimeLimit => (string?)_task.Attribute(Tg + "timeLimit");

    /// <summary>The task's <c>tg:step</c>; null when it has none.</summary>
    public string? Step => (string?)_task.Attribute(Tg + "step");

    public bool IsNaturalTime => string.Equals((string?)_task.Attribute(Tg + "calendar"), "natural", StringComparison.OrdinalIgnoreCase);

    /// <summary>The task's <c>tg:categoryLimits</c> as written; null when it has none.</summary>
    public string? CategoryLimits => (string?)_task.Attribute(Tg + CategoryLimitsSyntax.Name);

    public enum FindOutcome
    {
        Found,
        NotXml,
        NoProcess,
        NoNode,
        NotUserTask,
    }

    /// <summary>Finds the element <paramref name="nodeId"/> of the process <paramref name="processId"/> in <paramref name="xml"/>.</summary>
    public static FindOutcome TryOpen(string xml, string processId, string nodeId, out ProcessLimitEdit? edit)
    {
        edit = null;
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return FindOutcome.NotXml;
        }

        var process = document.Root?.Elements(Bpmn + "process").FirstOrDefault(p => (string?)p.Attribute("id") == processId);
        if (process is null)
        {
            return FindOutcome.NoProcess;
        }

        var node = process.Descendants().FirstOrDefault(e => e.Name.Namespace == Bpmn && (string?)e.Attribute("id") == nodeId);
        if (node is null)
        {
            return FindOutcome.NoNode;
        }

        if (node.Name != Bpmn + "userTask")
        {
            return FindOutcome.NotUserTask;
        }

        edit = new ProcessLimitEdit(document, node);
        return FindOutcome.Found;
    }

    public void SetTimeLimit(string limit) => Set("timeLimit", limit);

    /// <summary>Replaces the category's entry of <c>tg:categoryLimits</c>, or adds it at the end.</summary>
    public void SetCategoryLimit(IReadOnlyList<CategoryLimit> current, CategoryLimit limit)
    {
        var limits = current.ToList();
        var at = limits.FindIndex(l => string.Equals(l.CategoryCode, limit.CategoryCode, StringComparison.Ordinal));
        if (at >= 0)
        {
            limits[at] = limit;
        }
        else
        {
            limits.Add(limit);
        }

        Set(CategoryLimitsSyntax.Name, CategoryLimitsSyntax.Format(limits));
    }

    /// <summary>The edited XML, with the original XML declaration if there was one.</summary>
    public string ToXml()
    {
        var body = string.Concat(_document.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        return _document.Declaration is null ? body : _document.Declaration + "\n" + body;
    }

    private void Set(string name, string value)
    {
        // A file without the tg: namespace gets it declared once on the root, not as a generated p1: prefix.
        var root = _document.Root!;
        if (root.GetPrefixOfNamespace(Tg) is null)
        {
            root.SetAttributeValue(XNamespace.Xmlns + "tg", Tg.NamespaceName);
        }

        _task.SetAttributeValue(Tg + name, value);
    }
}
