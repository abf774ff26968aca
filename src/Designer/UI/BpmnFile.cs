using System.Xml;
using System.Xml.Linq;

namespace Tongguan.Designer.UI;

/// <summary>Just enough of a .bpmn file to know which definition key it is a draft of.</summary>
public static class BpmnFile
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The id of the first executable process; <see langword="null"/> with a reason when there is none.</summary>
    public static string? ExecutableProcessId(string xml, out string error)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException ex)
        {
            error = ex.Message;
            return null;
        }

        var process = document.Root?.Elements(Bpmn + "process")
            .FirstOrDefault(p => string.Equals((string?)p.Attribute("isExecutable"), "true", StringComparison.OrdinalIgnoreCase));
        var id = (string?)process?.Attribute("id");
        error = document.Root?.Name != Bpmn + "definitions" ? "the root element is not bpmn:definitions"
            : string.IsNullOrWhiteSpace(id) ? "no process has isExecutable=\"true\" and an id"
            : "";
        return string.IsNullOrEmpty(error) ? id : null;
    }
}
