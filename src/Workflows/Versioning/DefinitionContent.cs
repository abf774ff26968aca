using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Tongguan.Workflows.Versioning;

/// <summary>
/// The canonical form of a BPMN file used to decide whether a publish changes anything: comments,
/// processing instructions, the XML declaration and layout whitespace do not count. Thread-safe.
/// </summary>
public static class DefinitionContent
{
    public static string Normalize(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (XmlException)
        {
            // Unparseable text is rejected by the reader anyway; hash it as it is.
            return xml.Trim();
        }

        document.DescendantNodes().Where(n => n is XComment or XProcessingInstruction).ToList().ForEach(n => n.Remove());
        document.DescendantNodes().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value)).ToList().ForEach(t => t.Remove());
        return document.Root?.ToString(SaveOptions.DisableFormatting) ?? "";
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="Normalize"/>.</summary>
    public static string Hash(string xml) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(xml))));
}
