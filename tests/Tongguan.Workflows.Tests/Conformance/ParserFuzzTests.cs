// Seeds: the city's processes (definitions/) and the BPMN MIWG reference models (bpmn-miwg/bpmn-miwg-test-suite,
// folder Reference/), © the BPMN MIWG contributors, licensed under Creative Commons Attribution 3.0
// (https://creativecommons.org/licenses/by/3.0/). The mutants are made in memory and never written back.

using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Tongguan.Workflows.Validation;
using Xunit.Abstractions;

namespace Tongguan.Workflows.Tests.Conformance;

/// <summary>
/// A bounded, deterministic fuzzing run of the BPMN reader and validator (issue 8, "bad input at scale"): every
/// mutant of a real file — elements removed, duplicated, moved or renamed, attributes dropped or given hostile values,
/// the text truncated or garbled — must come back as a result with located, worded problems, never as an exception.
/// The seed is fixed so that a failure names a mutant that can be replayed.
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private const int Mutants = 3000;
    private const int Seed = 20261126;

    private static readonly string[] HostileValues =
    [
        "", " ", "${", "${}", "${while(true){}}", "${a.b.c.d}", "}", "P-1D", "PT", "P99999999D", "-1", "0", "NaN",
        "1e309", "<", "&amp;", "\uFFFD", "\u202E", "😀", "名称", new string('x', 5000), "nowhere", "a,b,,c",
        "role@", "@unit", "S0102=", "=P2D", "S0102=P2D;S0102=P3D", "business", "natural", "true", "false",
    ];

    private const string Garble = "<>&\"'=/ x\u00e9\u540d";

    [Fact]
    public void EveryMutant_IsReadAndValidated_WithoutAnException_AndEveryProblemIsLocatedAndWorded()
    {
        var seeds = SeedFiles();
        Assert.True(seeds.Count >= 10, $"Expected the definitions and the MIWG models as seeds, found {seeds.Count}.");

        var random = new Random(Seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Mutants; i++)
        {
            var (name, xml) = seeds[random.Next(seeds.Count)];
            var kind = (MutationKind)random.Next(Enum.GetValues<MutationKind>().Length);
            string mutant;
            try
            {
                mutant = Mutate(xml, kind, random);
            }
            catch (System.Xml.XmlException)
            {
                continue; // a seed the test itself cannot load as XML is only mutated as text
            }

            try
            {
                var result = BpmnValidator.ValidateXml(mutant, $"{name}#{i}");
                var outcome = result.IsValid ? "valid" : "invalid";
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                foreach (var problem in result.Problems)
                {
                    if (string.IsNullOrWhiteSpace(problem.Code) || string.IsNullOrWhiteSpace(problem.Message))
                    {
                        failures.Add($"mutant {i} ({kind} of {name}): a problem without code or message: {problem}");
                    }

                    if (problem.Line < 0 || problem.Column < 0)
                    {
                        failures.Add($"mutant {i} ({kind} of {name}): a problem with a negative position: {problem}");
                    }
                }
            }
#pragma warning disable CA1031 // the point of the test: any exception at all is the finding
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failures.Add($"mutant {i} ({kind} of {name}): {exception.GetType().Name}: {exception.Message}");
            }
        }

        output.WriteLine($"{Mutants} mutants of {seeds.Count} seed files: " +
            string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}")));
        Assert.True(outcomes.GetValueOrDefault("invalid") > Mutants / 4, "The mutations are expected to break most files; they broke too few to mean anything.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static List<(string Name, string Xml)> SeedFiles()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.Definitions, "*.bpmn", SearchOption.AllDirectories)
            .Concat(Directory.Exists(RepositoryPaths.MiwgReference) ? Directory.EnumerateFiles(RepositoryPaths.MiwgReference, "*.bpmn") : [])
            .Order(StringComparer.Ordinal);
        return [.. files.Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];
    }

    private enum MutationKind
    {
        RemoveElement,
        DuplicateElement,
        MoveElement,
        RenameElement,
        RemoveAttribute,
        HostileAttribute,
        Truncate,
        GarbleText,
    }

    private static string Mutate(string xml, MutationKind kind, Random random)
    {
        switch (kind)
        {
            case MutationKind.Truncate:
                return xml[..random.Next(xml.Length)];
            case MutationKind.GarbleText:
            {
                var text = new StringBuilder(xml);
                for (var n = random.Next(1, 8); n > 0; n--)
                {
                    var at = random.Next(text.Length);
                    text[at] = Garble[random.Next(Garble.Length)];
                }

                return text.ToString();
            }
        }

        var document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        var elements = document.Descendants().Where(e => e.Parent is not null).ToList();
        if (elements.Count == 0)
        {
            return xml;
        }

        var element = elements[random.Next(elements.Count)];
        switch (kind)
        {
            case MutationKind.RemoveElement:
                element.Remove();
                break;
            case MutationKind.DuplicateElement:
                element.AddAfterSelf(new XElement(element));
                break;
            case MutationKind.MoveElement:
            {
                var target = elements[random.Next(elements.Count)];
                if (!target.AncestorsAndSelf().Contains(element))
                {
                    element.Remove();
                    target.Add(element);
                }

                break;
            }

            case MutationKind.RenameElement:
                element.Name = element.Name.Namespace + (random.Next(2) == 0 ? "unknownThing" : Capitalise(element.Name.LocalName));
                break;
            case MutationKind.RemoveAttribute:
            {
                var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToList();
                if (attributes.Count > 0)
                {
                    attributes[random.Next(attributes.Count)].Remove();
                }

                break;
            }

            case MutationKind.HostileAttribute:
            {
                var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToList();
                var value = HostileValues[random.Next(HostileValues.Length)];
                if (attributes.Count > 0 && random.Next(3) > 0)
                {
                    attributes[random.Next(attributes.Count)].Value = value;
                }
                else
                {
                    // Our own extension attributes on any element, valid or not for it.
                    string[] names = ["timeLimit", "calendar", "candidateGroups", "candidateUsers", "handler", "form", "deadline", "categoryLimits", "step"];
                    element.SetAttributeValue(XNamespace.Get("https://tongguan.dev/schema/bpmn") + names[random.Next(names.Length)], value);
                }

                break;
            }
        }

        return document.ToString(SaveOptions.DisableFormatting);
    }

    private static string Capitalise(string name) =>
        name.Length == 0 ? name : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
}
