using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Tongguan.Workflows.Parsing;

namespace Tongguan.Cases.SlaApply;

/// <summary>
/// Sets one limit of one user task in BPMN XML by editing the text of the task's start tag only, so everything else
/// stays byte for byte as the editor wrote it: other attributes and their layout, the diagram (<c>bpmndi</c>),
/// comments and whitespace. The XML is parsed only to find the element and read its current values.
/// </summary>
internal sealed class ProcessLimitEdit
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Tg = "https://tongguan.dev/schema/bpmn";

    private readonly string _xml;
    private readonly int[] _lineStarts;
    private readonly XElement _task;
    private readonly List<(int At, int Remove, string Insert)> _edits = [];

    private ProcessLimitEdit(string xml, XElement task)
    {
        _xml = xml;
        _task = task;
        _lineStarts = [0, .. xml.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)];
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
            document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
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

        edit = new ProcessLimitEdit(xml, node);
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

    /// <summary>The XML with the edits made.</summary>
    public string ToXml()
    {
        var text = new StringBuilder(_xml);
        foreach (var (at, remove, insert) in _edits.OrderByDescending(e => e.At))
        {
            text.Remove(at, remove).Insert(at, insert);
        }

        return text.ToString();
    }

    private void Set(string name, string value)
    {
        var prefix = _task.GetPrefixOfNamespace(Tg);
        if (prefix is null)
        {
            // A file without the tg: namespace gets it declared once on the root.
            var root = _task.Document!.Root!;
            prefix = root.GetNamespaceOfPrefix("tg") is null ? "tg" : "tongguan";
            AddAttribute(root, $"xmlns:{prefix}", Tg.NamespaceName);
            AddAttribute(_task, $"{prefix}:{name}", value);
            return;
        }

        var (start, end) = StartTag(_task);
        var existing = new Regex($@"\s{Regex.Escape(prefix)}:{Regex.Escape(name)}\s*=\s*(?<q>[""'])(?<v>.*?)\k<q>", RegexOptions.Singleline | RegexOptions.CultureInvariant)
            .Match(_xml, start, end - start);
        if (existing.Success)
        {
            var quoted = existing.Groups["v"];
            _edits.Add((quoted.Index, quoted.Length, Escape(value)));
        }
        else
        {
            AddAttribute(_task, $"{prefix}:{name}", value);
        }
    }

    private void AddAttribute(XElement element, string qualifiedName, string value)
    {
        var (_, end) = StartTag(element);

        // After the last attribute: before the closing '>' or '/>' and the whitespace in front of it.
        var at = end;
        while (at > 0 && (_xml[at - 1] == '/' || char.IsWhiteSpace(_xml[at - 1])))
        {
            at--;
        }

        _edits.Add((at, 0, $" {qualifiedName}=\"{Escape(value)}\""));
    }

    /// <summary>The element's start tag in the text: the index of its '&lt;' and of its closing '&gt;'.</summary>
    private (int Start, int End) StartTag(XElement element)
    {
        var info = (IXmlLineInfo)element;

        // The line position of an element is that of its name, one after the '<'.
        var start = _lineStarts[info.LineNumber - 1] + info.LinePosition - 2;
        char? quote = null;
        for (var i = start; i < _xml.Length; i++)
        {
            var c = _xml[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return (start, i);
            }
        }

        throw new XmlException($"The start tag of '{element.Name.LocalName}' has no end.");
    }

    private static string Escape(string value) => SecurityElement.Escape(value);
}
