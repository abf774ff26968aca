using System.Globalization;
using System.Text;

namespace Tongguan.Integration.Tests.Http;

/// <summary>Small processes published by the tests themselves, under keys of their own so tests do not meet.</summary>
internal static class ProbeProcesses
{
    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>start → one user task per id, in order → end.</summary>
    public static string Sequence(string key, params string[] userTaskIds)
    {
        var xml = new StringBuilder();
        xml.AppendLine("""<?xml version="1.0" encoding="UTF-8"?>""");
        xml.AppendLine("""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tg="https://tongguan.dev/schema/bpmn" id="d" targetNamespace="https://tongguan.dev/tests">""");
        xml.AppendLine(CultureInfo.InvariantCulture, $"""  <bpmn:process id="{key}" name="Probe {key}" isExecutable="true">""");
        xml.AppendLine("""    <bpmn:startEvent id="start" />""");
        var previous = "start";
        foreach (var id in userTaskIds)
        {
            xml.AppendLine(CultureInfo.InvariantCulture, $"""    <bpmn:sequenceFlow id="to_{id}" sourceRef="{previous}" targetRef="{id}" />""");
            xml.AppendLine(CultureInfo.InvariantCulture, $"""    <bpmn:userTask id="{id}" name="Task {id}" tg:candidateGroups="probe" />""");
            previous = id;
        }

        xml.AppendLine(CultureInfo.InvariantCulture, $"""    <bpmn:sequenceFlow id="to_end" sourceRef="{previous}" targetRef="end" />""");
        xml.AppendLine("""    <bpmn:endEvent id="end" />""");
        xml.AppendLine("""  </bpmn:process>""");
        xml.AppendLine("""</bpmn:definitions>""");
        return xml.ToString();
    }

    /// <summary>Line 5 holds a complex gateway, which Tongguan does not support.</summary>
    public const string WithUnsupportedGateway = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="https://tongguan.dev/tests">
          <bpmn:process id="bad" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:complexGateway id="tooComplex" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tooComplex" />
            <bpmn:sequenceFlow id="f2" sourceRef="tooComplex" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
