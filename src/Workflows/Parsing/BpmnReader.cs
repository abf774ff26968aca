using System.Collections.ObjectModel;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Tongguan.Workflows.Model;

namespace Tongguan.Workflows.Parsing;

/// <summary>The result of reading one BPMN file: the processes it holds and what was wrong with it.</summary>
public sealed class BpmnDocument
{
    internal BpmnDocument(string? sourceName, IReadOnlyList<ProcessModel> processes, IReadOnlyList<BpmnProblem> problems)
    {
        SourceName = sourceName;
        Processes = processes;
        Problems = problems;
    }

    public string? SourceName { get; }

    /// <summary>Every <c>process</c> of the file, executable or not, with the supported elements it holds.</summary>
    public IReadOnlyList<ProcessModel> Processes { get; }

    /// <summary>What the reader found: malformed XML, unsupported or unknown elements, dangling references.</summary>
    public IReadOnlyList<BpmnProblem> Problems { get; }

    public bool HasErrors => Problems.Any(p => p.IsError);
}

/// <summary>
/// Reads BPMN 2.0 XML into <see cref="ProcessModel"/>s. It never throws for bad input: everything it cannot use is
/// reported as a <see cref="BpmnProblem"/> naming the element, its id and line. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Diagram interchange, documentation, lanes, artifacts and data associations carry no execution meaning and are
/// skipped without a problem. Every other BPMN element outside the supported subset is reported as unsupported;
/// attributes of other vendors' namespaces (camunda:, zeebe:, signavio: …) on flow elements are reported as
/// warnings because a designer may expect them to work.
/// </remarks>
public static class BpmnReader
{
    public const string BpmnNamespace = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string TongguanNamespace = "https://tongguan.dev/schema/bpmn";

    private static readonly XNamespace Bpmn = BpmnNamespace;
    private static readonly XNamespace Tg = TongguanNamespace;

    // No execution meaning: skipped silently wherever they appear inside a process or sub-process.
    private static readonly HashSet<string> Inert = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "laneSet", "lane", "textAnnotation", "association", "group",
        "dataObject", "dataObjectReference", "dataStoreReference", "dataInputAssociation", "dataOutputAssociation",
        "ioSpecification", "property", "incoming", "outgoing", "auditing", "monitoring", "category",
        "categoryValue", "resourceRole", "performer", "humanPerformer", "potentialOwner",
    };

    // Known BPMN flow elements outside the supported subset.
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "complexGateway", "intermediateThrowEvent", "businessRuleTask", "transaction", "adHocSubProcess",
        "choreographyTask", "subChoreography", "callChoreography", "implicitThrowEvent",
    };

    // Root-level declarations that are referenced from processes or are descriptive only.
    private static readonly HashSet<string> InertRoot = new(StringComparer.Ordinal)
    {
        "documentation", "extensionElements", "collaboration", "itemDefinition", "interface", "dataStore",
        "resource", "signal", "escalation", "category", "import", "relationship", "partnerEntity", "partnerRole",
        "endPoint", "globalTask", "globalUserTask", "globalScriptTask", "correlationProperty", "eventDefinition",
        "choreography", "conversation",
    };

    private static readonly HashSet<string> IgnoredForeignNamespaces = new(StringComparer.Ordinal)
    {
        "http://www.w3.org/2001/XMLSchema-instance",
        "http://www.w3.org/2000/xmlns/",
        "http://www.w3.org/XML/1998/namespace",
        "http://www.omg.org/spec/BPMN/20100524/DI",
        "http://www.omg.org/spec/DD/20100524/DC",
        "http://www.omg.org/spec/DD/20100524/DI",
        "http://bpmn.io/schema/bpmn/biocolor/1.0",
        "http://www.omg.org/spec/BPMN/non-normative/color/1.0",
    };

    /// <summary>Reads BPMN XML text.</summary>
    /// <param name="xml">The file content.</param>
    /// <param name="sourceName">A file name for messages; optional.</param>
    public static BpmnDocument Read(string xml, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = 64 * 1024 * 1024,
            };
            using var stringReader = new StringReader(xml);
            using var reader = XmlReader.Create(stringReader, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            var problem = new BpmnProblem(
                ProblemSeverity.Error,
                BpmnProblemCodes.MalformedXml,
                $"The file is not well-formed XML: {ex.Message}",
                null,
                null,
                ex.LineNumber,
                ex.LinePosition);
            return new BpmnDocument(sourceName, [], [problem]);
        }

        return new Reader(sourceName).Read(document);
    }

    private sealed class Reader(string? sourceName)
    {
        private readonly List<BpmnProblem> _problems = [];
        private readonly Dictionary<string, MessageDefinition> _messages = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ErrorDefinition> _errors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);

        public BpmnDocument Read(XDocument document)
        {
            var root = document.Root!;
            if (root.Name != Bpmn + "definitions")
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.NotBpmn,
                    $"The root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}', not BPMN 2.0 <definitions> in '{BpmnNamespace}'.",
                    root, null);
                return new BpmnDocument(sourceName, [], _problems);
            }

            foreach (var element in root.Elements(Bpmn + "message"))
            {
                var id = IdOf(element);
                if (id is not null)
                {
                    _messages[id] = new MessageDefinition(id, (string?)element.Attribute("name") ?? id);
                }
            }

            foreach (var element in root.Elements(Bpmn + "error"))
            {
                var id = IdOf(element);
                if (id is not null)
                {
                    _errors[id] = new ErrorDefinition(id, (string?)element.Attribute("name"), (string?)element.Attribute("errorCode"));
                }
            }

            var processes = new List<ProcessModel>();
            foreach (var element in root.Elements())
            {
                if (element.Name.Namespace != Bpmn)
                {
                    continue;
                }

                switch (element.Name.LocalName)
                {
                    case "process":
                        var process = ReadProcess(element);
                        if (process is not null)
                        {
                            processes.Add(process);
                        }

                        break;
                    case "message" or "error":
                        break;
                    default:
                        if (!InertRoot.Contains(element.Name.LocalName))
                        {
                            Report(ProblemSeverity.Error, BpmnProblemCodes.UnknownElement,
                                $"<{element.Name.LocalName}> is not a BPMN 2.0 definitions element Tongguan knows.",
                                element, IdOf(element, report: false));
                        }

                        break;
                }
            }

            var ordered = _problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
            return new BpmnDocument(sourceName, processes, ordered);
        }

        private ProcessModel? ReadProcess(XElement element)
        {
            var id = IdOf(element);
            if (id is null)
            {
                return null;
            }

            var model = new ProcessModel(
                id,
                (string?)element.Attribute("name"),
                string.Equals((string?)element.Attribute("isExecutable"), "true", StringComparison.OrdinalIgnoreCase),
                PositionOf(element))
            {
                Messages = new ReadOnlyDictionary<string, MessageDefinition>(_messages),
                Errors = new ReadOnlyDictionary<string, ErrorDefinition>(_errors),
            };

            var pendingFlows = new List<(XElement Element, IScope Scope)>();
            var pendingBoundaries = new List<(XElement Element, BoundaryEvent Event)>();
            var pendingDefaults = new List<(XElement Element, Node Node)>();
            ReadScope(element, model, model, pendingFlows, pendingBoundaries, pendingDefaults);

            foreach (var (flowElement, scope) in pendingFlows)
            {
                ReadFlow(flowElement, scope, model);
            }

            foreach (var (boundaryElement, boundary) in pendingBoundaries)
            {
                var attachedTo = (string?)boundaryElement.Attribute("attachedToRef");
                if (attachedTo is not null && model.Nodes.TryGetValue(attachedTo, out var target) && target is Activity activity)
                {
                    boundary.AttachedTo = activity;
                    activity.AddBoundaryEvent(boundary);
                }
                else
                {
                    Report(ProblemSeverity.Error, BpmnProblemCodes.DanglingReference,
                        attachedTo is null
                            ? "The boundary event is not attached to any activity (attachedToRef is missing)."
                            : $"The boundary event is attached to '{attachedTo}', which is not a supported activity of this process.",
                        boundaryElement, boundary.Id);
                }
            }

            foreach (var (nodeElement, node) in pendingDefaults)
            {
                var defaultId = (string?)nodeElement.Attribute("default");
                if (defaultId is null)
                {
                    continue;
                }

                if (model.Flows.TryGetValue(defaultId, out var flow) && ReferenceEquals(flow.Source, node))
                {
                    flow.IsDefault = true;
                    switch (node)
                    {
                        case Gateway gateway:
                            gateway.DefaultFlow = flow;
                            break;
                        case Activity activity:
                            activity.DefaultFlow = flow;
                            break;
                    }
                }
                else
                {
                    Report(ProblemSeverity.Error, BpmnProblemCodes.DanglingReference,
                        $"The default flow '{defaultId}' is not an outgoing sequence flow of this element.",
                        nodeElement, node.Id);
                }
            }

            return model;
        }

        private void ReadScope(
            XElement scopeElement,
            IScope scope,
            ProcessModel model,
            List<(XElement, IScope)> pendingFlows,
            List<(XElement, BoundaryEvent)> pendingBoundaries,
            List<(XElement, Node)> pendingDefaults)
        {
            foreach (var element in scopeElement.Elements())
            {
                if (element.Name.Namespace != Bpmn)
                {
                    continue;
                }

                var local = element.Name.LocalName;
                if (local == "sequenceFlow")
                {
                    pendingFlows.Add((element, scope));
                    continue;
                }

                if (Inert.Contains(local) || local is "multiInstanceLoopCharacteristics")
                {
                    continue;
                }

                if (local == "subProcess" && string.Equals((string?)element.Attribute("triggeredByEvent"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    ReportUnsupported(element, "event sub-process");
                    continue;
                }

                var node = CreateNode(element, model);
                if (node is null)
                {
                    continue;
                }

                node.Parent = scope;
                scope.Content.Add(node);
                model.Register(node);
                node.Extensions = ReadExtensions(element, node.Id);

                if (node is Activity activity)
                {
                    ReadActivity(element, activity);
                    pendingDefaults.Add((element, activity));
                }
                else if (node is Gateway gateway && gateway.Kind is GatewayKind.Exclusive or GatewayKind.Inclusive)
                {
                    pendingDefaults.Add((element, gateway));
                }

                if (node is BoundaryEvent boundary)
                {
                    boundary.Deadline = boundary.Extensions.GetValueOrDefault("deadline") switch
                    {
                        "warning" => DeadlineAlarm.Warning,
                        "due" => DeadlineAlarm.Due,
                        _ => null,
                    };
                    pendingBoundaries.Add((element, boundary));
                }

                if (node is SubProcess subProcess)
                {
                    ReadScope(element, subProcess, model, pendingFlows, pendingBoundaries, pendingDefaults);
                }
            }
        }

        private Node? CreateNode(XElement element, ProcessModel model)
        {
            var local = element.Name.LocalName;
            if (Unsupported.Contains(local))
            {
                ReportUnsupported(element, local);
                return null;
            }

            var id = IdOf(element);
            if (id is null)
            {
                return null;
            }

            if (!_seenIds.Add(id))
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.DuplicateId,
                    $"Another element already uses the id '{id}'. Ids must be unique in the file.", element, id);
                return null;
            }

            var name = (string?)element.Attribute("name");
            var position = PositionOf(element);
            switch (local)
            {
                case "startEvent":
                    return ReadEventDefinitions(element, new StartEvent(id, name, position), EventTrigger.Timer, EventTrigger.Message);
                case "endEvent":
                    return ReadEventDefinitions(element, new EndEvent(id, name, position), EventTrigger.Error, EventTrigger.Terminate);
                case "intermediateCatchEvent":
                    var catchEvent = ReadEventDefinitions(element, new IntermediateCatchEvent(id, name, position), EventTrigger.Timer, EventTrigger.Message);
                    if (catchEvent is not null && catchEvent.Trigger == EventTrigger.None)
                    {
                        Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedEventDefinition,
                            "An intermediate catch event needs a timer or message definition; without one it would never continue.",
                            element, id);
                    }

                    return catchEvent;
                case "boundaryEvent":
                    var boundary = new BoundaryEvent(id, name, position)
                    {
                        CancelActivity = !string.Equals((string?)element.Attribute("cancelActivity"), "false", StringComparison.OrdinalIgnoreCase),
                    };
                    var read = ReadEventDefinitions(element, boundary, EventTrigger.Timer, EventTrigger.Message, EventTrigger.Error);
                    if (read is not null && read.Trigger == EventTrigger.None)
                    {
                        Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedEventDefinition,
                            "A boundary event needs a timer, message or error definition.", element, id);
                    }

                    return read;
                case "exclusiveGateway":
                    return new Gateway(id, name, position, GatewayKind.Exclusive);
                case "parallelGateway":
                    return new Gateway(id, name, position, GatewayKind.Parallel);
                case "inclusiveGateway":
                    return new Gateway(id, name, position, GatewayKind.Inclusive);
                case "eventBasedGateway":
                    if (string.Equals((string?)element.Attribute("instantiate"), "true", StringComparison.OrdinalIgnoreCase))
                    {
                        ReportUnsupported(element, "instantiating event-based gateway");
                        return null;
                    }

                    return new Gateway(id, name, position, GatewayKind.EventBased);
                case "userTask":
                    return new TaskNode(id, name, position, TaskKind.User);
                case "serviceTask":
                    return new TaskNode(id, name, position, TaskKind.Service);
                case "scriptTask":
                    return new TaskNode(id, name, position, TaskKind.Script);
                case "sendTask":
                    return new TaskNode(id, name, position, TaskKind.Send);
                case "receiveTask":
                    return new TaskNode(id, name, position, TaskKind.Receive);
                case "task" or "manualTask":
                    return new TaskNode(id, name, position, TaskKind.Manual);
                case "callActivity":
                    return new CallActivity(id, name, position);
                case "subProcess":
                    return new SubProcess(id, name, position);
                default:
                    _seenIds.Remove(id);
                    Report(ProblemSeverity.Error, BpmnProblemCodes.UnknownElement,
                        $"<{local}> is not a BPMN 2.0 flow element Tongguan knows.", element, id);
                    return null;
            }
        }

        private T? ReadEventDefinitions<T>(XElement element, T node, params EventTrigger[] allowed)
            where T : EventNode
        {
            var definitions = element.Elements()
                .Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))
                .ToList();
            if (element.Elements(Bpmn + "eventDefinitionRef").Any())
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedEventDefinition,
                    "Event definitions referenced by eventDefinitionRef are not supported; put the definition inside the event.",
                    element, node.Id);
                return null;
            }

            if (definitions.Count == 0)
            {
                node.Trigger = EventTrigger.None;
                return node;
            }

            if (definitions.Count > 1)
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedEventDefinition,
                    $"The {node.ElementType} has {definitions.Count} event definitions (a multiple event); Tongguan supports one per event.",
                    element, node.Id);
                return null;
            }

            var definition = definitions[0];
            var trigger = definition.Name.LocalName switch
            {
                "timerEventDefinition" => EventTrigger.Timer,
                "messageEventDefinition" => EventTrigger.Message,
                "errorEventDefinition" => EventTrigger.Error,
                "terminateEventDefinition" => EventTrigger.Terminate,
                _ => (EventTrigger?)null,
            };
            if (trigger is null || !allowed.Contains(trigger.Value))
            {
                var kind = definition.Name.LocalName.Replace("EventDefinition", "", StringComparison.Ordinal);
                Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedEventDefinition,
                    $"A {kind} {node.ElementType} is not supported. Supported here: {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}.",
                    element, node.Id);
                return null;
            }

            node.Trigger = trigger.Value;
            switch (trigger.Value)
            {
                case EventTrigger.Timer:
                    node.Timer = ReadTimer(definition);
                    var forms = definition.Elements().Count(e => e.Name.Namespace == Bpmn && e.Name.LocalName is "timeDuration" or "timeDate" or "timeCycle");
                    if (forms > 1)
                    {
                        Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedEventDefinition,
                            "The timer has more than one of timeDuration, timeDate and timeCycle; keep exactly one.", definition, node.Id);
                    }

                    break;
                case EventTrigger.Message:
                    node.Message = ResolveMessage(definition, node.Id);
                    break;
                case EventTrigger.Error:
                    var errorRef = (string?)definition.Attribute("errorRef");
                    if (errorRef is not null)
                    {
                        if (_errors.TryGetValue(errorRef, out var error))
                        {
                            node.Error = error;
                        }
                        else
                        {
                            Report(ProblemSeverity.Error, BpmnProblemCodes.DanglingReference,
                                $"errorRef '{errorRef}' names no <error> of this file.", definition, node.Id);
                        }
                    }

                    break;
            }

            return node;
        }

        private static TimerDefinition? ReadTimer(XElement definition)
        {
            foreach (var (name, kind) in new[] { ("timeDuration", TimerKind.Duration), ("timeDate", TimerKind.Date), ("timeCycle", TimerKind.Cycle) })
            {
                var child = definition.Element(Bpmn + name);
                if (child is not null)
                {
                    return new TimerDefinition(kind, child.Value.Trim());
                }
            }

            return null;
        }

        private MessageDefinition? ResolveMessage(XElement element, string ownerId)
        {
            var messageRef = (string?)element.Attribute("messageRef");
            if (messageRef is null)
            {
                return null;
            }

            if (_messages.TryGetValue(messageRef, out var message))
            {
                return message;
            }

            Report(ProblemSeverity.Error, BpmnProblemCodes.DanglingReference,
                $"messageRef '{messageRef}' names no <message> of this file.", element, ownerId);
            return null;
        }

        private void ReadActivity(XElement element, Activity activity)
        {
            var ext = activity.Extensions;
            if (ext.TryGetValue("timeLimit", out var limit))
            {
                var calendar = ext.TryGetValue("calendar", out var calendarText) &&
                               string.Equals(calendarText, "natural", StringComparison.OrdinalIgnoreCase)
                    ? CalendarKind.Natural
                    : CalendarKind.Business;
                double? share = ext.TryGetValue("warningShare", out var shareText) &&
                                double.TryParse(shareText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedShare)
                    ? parsedShare
                    : null;
                activity.TimeLimit = new TimeLimit(limit, calendar, share);
            }

            var loop = element.Element(Bpmn + "multiInstanceLoopCharacteristics");
            if (loop is not null)
            {
                var loopExt = ReadExtensions(loop, activity.Id);
                activity.MultiInstance = new MultiInstance(
                    string.Equals((string?)loop.Attribute("isSequential"), "true", StringComparison.OrdinalIgnoreCase),
                    loopExt.GetValueOrDefault("collection") ?? ext.GetValueOrDefault("collection"),
                    loopExt.GetValueOrDefault("elementVariable") ?? ext.GetValueOrDefault("elementVariable"),
                    Unwrap(loop.Element(Bpmn + "loopCardinality")?.Value),
                    Unwrap(loop.Element(Bpmn + "completionCondition")?.Value));
            }

            var standardLoop = element.Element(Bpmn + "standardLoopCharacteristics");
            if (standardLoop is not null)
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedElement,
                    "Standard loops are not supported; use multi-instance (tg:collection) or a gateway that loops back.",
                    standardLoop, activity.Id);
            }

            if (string.Equals((string?)element.Attribute("isForCompensation"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedAttributeValue,
                    "Compensation activities are not supported.", element, activity.Id);
            }

            switch (activity)
            {
                case TaskNode task:
                    ReadTask(element, task);
                    break;
                case CallActivity call:
                    call.CalledElement = (string?)element.Attribute("calledElement") ?? "";
                    if (ext.TryGetValue("version", out var versionText) &&
                        int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                    {
                        call.Version = version;
                    }

                    break;
            }
        }

        private void ReadTask(XElement element, TaskNode task)
        {
            var ext = task.Extensions;
            task.CandidateGroups = CandidateList.Split(ext.GetValueOrDefault("candidateGroups"));
            task.CandidateUsers = CandidateList.Split(ext.GetValueOrDefault("candidateUsers"));
            task.Assignee = ext.GetValueOrDefault("assignee");
            task.FormKey = ext.GetValueOrDefault("formKey");
            task.Handler = ext.GetValueOrDefault("handler");
            task.IsAsync = string.Equals(ext.GetValueOrDefault("async"), "true", StringComparison.OrdinalIgnoreCase);
            if (ext.TryGetValue("retries", out var retriesText) &&
                int.TryParse(retriesText, NumberStyles.None, CultureInfo.InvariantCulture, out var retries))
            {
                task.Retries = retries;
            }

            task.ResultVariable = ext.GetValueOrDefault("resultVariable");
            if (task.Kind == TaskKind.Script)
            {
                var format = (string?)element.Attribute("scriptFormat");
                if (format is not null && !IsJavaScript(format))
                {
                    Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedAttributeValue,
                        $"Script format '{format}' is not supported; scripts are JavaScript.", element, task.Id);
                }

                task.Script = element.Element(Bpmn + "script")?.Value;
            }

            if (task.Kind is TaskKind.Send or TaskKind.Receive)
            {
                task.Message = ResolveMessage(element, task.Id);
            }

            var implementation = (string?)element.Attribute("implementation");
            if (implementation is not null && task.Kind == TaskKind.Service && task.Handler is null &&
                !implementation.Equals("##unspecified", StringComparison.Ordinal) &&
                !implementation.Equals("##WebService", StringComparison.Ordinal))
            {
                Report(ProblemSeverity.Warning, BpmnProblemCodes.UnsupportedAttributeValue,
                    $"implementation '{implementation}' is not used by Tongguan; name the handler with tg:handler.", element, task.Id);
            }
        }

        private void ReadFlow(XElement element, IScope scope, ProcessModel model)
        {
            var id = IdOf(element);
            if (id is null)
            {
                return;
            }

            if (!_seenIds.Add(id))
            {
                Report(ProblemSeverity.Error, BpmnProblemCodes.DuplicateId,
                    $"Another element already uses the id '{id}'. Ids must be unique in the file.", element, id);
                return;
            }

            var sourceRef = (string?)element.Attribute("sourceRef");
            var targetRef = (string?)element.Attribute("targetRef");
            var source = Resolve(sourceRef, "sourceRef");
            var target = Resolve(targetRef, "targetRef");
            if (source is null || target is null)
            {
                return;
            }

            var condition = element.Element(Bpmn + "conditionExpression");
            if (condition is not null)
            {
                var language = (string?)condition.Attribute("language");
                if (language is not null && !IsJavaScript(language))
                {
                    Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedAttributeValue,
                        $"Condition language '{language}' is not supported; conditions are JavaScript expressions.", condition, id);
                }
            }

            ReadExtensions(element, id);
            var flow = new SequenceFlow(id, (string?)element.Attribute("name"), source, target, Unwrap(condition?.Value), PositionOf(element));
            source.AddOutgoing(flow);
            target.AddIncoming(flow);
            scope.Content.Add(flow);
            model.Register(flow);

            Node? Resolve(string? reference, string attribute)
            {
                if (reference is not null && model.Nodes.TryGetValue(reference, out var node))
                {
                    return node;
                }

                // A flow to an element already reported as unsupported needs no second problem.
                if (reference is not null && _problems.Any(p => p.ElementId == reference))
                {
                    return null;
                }

                Report(ProblemSeverity.Error, BpmnProblemCodes.DanglingReference,
                    reference is null
                        ? $"The sequence flow has no {attribute}."
                        : $"The sequence flow's {attribute} '{reference}' names no element of this process.",
                    element, id);
                return null;
            }
        }

        private Dictionary<string, string> ReadExtensions(XElement element, string ownerId)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in element.Attributes())
            {
                var ns = attribute.Name.Namespace;
                if (ns == XNamespace.None || attribute.IsNamespaceDeclaration)
                {
                    continue;
                }

                if (ns == Tg)
                {
                    result[attribute.Name.LocalName] = attribute.Value;
                }
                else if (!IgnoredForeignNamespaces.Contains(ns.NamespaceName))
                {
                    var prefix = element.GetPrefixOfNamespace(ns) ?? ns.NamespaceName;
                    Report(ProblemSeverity.Warning, BpmnProblemCodes.ForeignAttributeIgnored,
                        $"Attribute {prefix}:{attribute.Name.LocalName} belongs to another tool and is ignored by Tongguan; use the tg: settings instead.",
                        element, ownerId);
                }
            }

            return result;
        }

        private void ReportUnsupported(XElement element, string what)
        {
            Report(ProblemSeverity.Error, BpmnProblemCodes.UnsupportedElement,
                $"{what} is not supported by Tongguan's engine. Remove it or replace it with a supported element.",
                element, IdOf(element, report: false));
        }

        private string? IdOf(XElement element, bool report = true)
        {
            var id = (string?)element.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                if (report)
                {
                    Report(ProblemSeverity.Error, BpmnProblemCodes.MissingId,
                        $"<{element.Name.LocalName}> has no id; every element needs one.", element, null);
                }

                return null;
            }

            return id;
        }

        private void Report(ProblemSeverity severity, string code, string message, XElement element, string? elementId)
        {
            var position = PositionOf(element);
            _problems.Add(new BpmnProblem(severity, code, message, elementId, element.Name.LocalName, position.Line, position.Column));
        }
    }

    private static SourcePosition PositionOf(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo()
            ? new SourcePosition(info.LineNumber, info.LinePosition)
            : SourcePosition.Unknown;

    private static bool IsJavaScript(string language) =>
        language.Contains("javascript", StringComparison.OrdinalIgnoreCase) ||
        language.Contains("ecmascript", StringComparison.OrdinalIgnoreCase) ||
        language.Equals("js", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Accepts Camunda-style <c>${expr}</c> and <c>#{expr}</c> wrappers around JavaScript expressions, so files drawn for
    /// other engines keep working; a bare expression stays as it is.
    /// </summary>
    internal static string? Unwrap(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var text = expression.Trim();
        if (text.Length >= 3 && (text[0] == '$' || text[0] == '#') && text[1] == '{' && text[^1] == '}')
        {
            return text[2..^1].Trim();
        }

        return text;
    }
}
