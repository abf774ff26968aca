using System.Text.Json;
using System.Text.RegularExpressions;
using Tongguan.Cases.ReferenceData;

namespace Tongguan.Cases.Forms;

/// <summary>
/// Loads every <c>*.json</c> form file of a folder (one form per file, named after its key), checks each and builds
/// the <see cref="FormCatalog"/>. Everything wrong in every file is collected and reported at once.
/// </summary>
public static partial class FormLoader
{
    /// <summary>Limits that apply when a form file does not set them.</summary>
    public const int DefaultTextMaxLength = 200;

    public const int DefaultTextareaMaxLength = 4000;

    public const int DefaultCaseNumberMaxLength = 64;

    public const int DefaultAttachmentsMaxItems = 10;

    // Keys are file names and tg:formKey values: keep them portable and URL-safe.
    [GeneratedRegex(@"^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();

    // Field names become process variables that gateway conditions read (${decision === 'return'}).
    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();

    private static readonly Dictionary<string, FormFieldType> TypeNames = Enum.GetValues<FormFieldType>()
        .ToDictionary(TypeName, t => t, StringComparer.Ordinal);

    /// <summary>The name a form file uses for a field type (<c>orgUnit</c>, <c>caseNumber</c> …).</summary>
    public static string TypeName(FormFieldType type) => type switch
    {
        FormFieldType.OrgUnit => "orgUnit",
        FormFieldType.OrgUnits => "orgUnits",
        FormFieldType.CaseNumber => "caseNumber",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <exception cref="FormDefinitionException">The folder is missing, or a file is unreadable or invalid; the message lists every problem.</exception>
    public static FormCatalog LoadFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        folder = Path.GetFullPath(folder);
        var problems = new List<FormProblem>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new(Path.GetFileName(folder), "$", $"the forms folder '{folder}' does not exist."));
            throw new FormDefinitionException(folder, problems);
        }

        var forms = new List<FormDefinition>();
        foreach (var path in Directory.GetFiles(folder, "*" + FormFiles.Extension).Order(StringComparer.Ordinal))
        {
            if (FormFiles.Read(path, problems) is { } dto
                && new FormReader(Path.GetFileName(path), problems).Read(dto, Path.GetFileNameWithoutExtension(path)) is { } form)
            {
                forms.Add(form);
            }
        }

        return problems.Count > 0 ? throw new FormDefinitionException(folder, problems) : new FormCatalog(folder, forms);
    }

    private sealed class FormReader(string file, List<FormProblem> problems)
    {
        private static readonly FormFieldType[] TextLike = [FormFieldType.Text, FormFieldType.Textarea, FormFieldType.CaseNumber];
        private static readonly FormFieldType[] Lists = [FormFieldType.OrgUnits, FormFieldType.Attachments];
        private static readonly FormFieldType[] Comparable =
            [FormFieldType.Choice, FormFieldType.Boolean, FormFieldType.Text, FormFieldType.CaseNumber, FormFieldType.OrgUnit, FormFieldType.Date];

        private int _problemsBefore;

        public FormDefinition? Read(FormFileDto dto, string expectedKey)
        {
            _problemsBefore = problems.Count;
            if (Require(dto.Key, "$.key"))
            {
                if (!Key().IsMatch(dto.Key!))
                {
                    Add("$.key", $"'{dto.Key}' is not a valid form key: lower-case letters, digits and '-', starting with a letter (e.g. \"co-handle\").");
                }
                else if (dto.Key != expectedKey)
                {
                    Add("$.key", $"the key '{dto.Key}' differs from the file name '{file}': one form per file, named after its key ({dto.Key}{FormFiles.Extension}).");
                }
            }

            var title = Label(dto.Title, "$.title");
            var fields = ReadFields(dto.Fields);
            return problems.Count > _problemsBefore ? null : new FormDefinition(dto.Key!, title, fields);
        }

        private List<FormField> ReadFields(List<FormFieldDto?>? list)
        {
            var fields = new List<(FormField Field, FormFieldDto Dto, int Index)>();
            if (list is null || list.Count == 0)
            {
                Add("$.fields", "list the form's fields (e.g. { \"name\": \"result\", \"type\": \"textarea\", \"label\": … }).");
                return [];
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"$.fields[{i}]";
                if (list[i] is not { } dto)
                {
                    Add(path, "a field object is required here, not null.");
                    continue;
                }

                if (ReadField(dto, path, seen, i) is { } field)
                {
                    fields.Add((field, dto, i));
                }
            }

            var byName = fields.ToDictionary(f => f.Field.Name, f => f.Field, StringComparer.Ordinal);
            return [.. fields.Select(f => f.Dto.RequiredWhen is null
                ? f.Field
                : f.Field with { RequiredWhen = Condition(f.Dto.RequiredWhen, f.Field, $"$.fields[{f.Index}].requiredWhen", byName, seen) })];
        }

        private FormField? ReadField(FormFieldDto dto, string path, Dictionary<string, int> seen, int index)
        {
            var before = problems.Count;
            if (Require(dto.Name, path + ".name"))
            {
                if (!FieldName().IsMatch(dto.Name!))
                {
                    Add(path + ".name", $"'{dto.Name}' is not a valid field name: camelCase letters and digits, starting with a lower-case letter (e.g. \"mergeInto\").");
                }
                else if (!seen.TryAdd(dto.Name!, index))
                {
                    Add(path + ".name", $"duplicate field name '{dto.Name}': $.fields[{seen[dto.Name!]}] already has it.");
                }
            }

            FormFieldType type = default;
            if (Require(dto.Type, path + ".type") && !TypeNames.TryGetValue(dto.Type!, out type))
            {
                Add(path + ".type", $"unknown field type '{dto.Type}'; use one of {string.Join(", ", TypeNames.Keys)}.");
            }

            var label = Label(dto.Label, path + ".label");
            if (problems.Count > before)
            {
                return null;
            }

            if (dto.Required == true && dto.RequiredWhen is not null)
            {
                Add(path + ".requiredWhen", "use either \"required\": true or \"requiredWhen\", not both.");
            }

            var typeName = TypeName(type);
            CheckApplies(dto.MaxLength, TextLike.Contains(type), path + ".maxLength", "maxLength", "text, textarea and caseNumber", typeName);
            CheckApplies(dto.Min, type == FormFieldType.Number, path + ".min", "min", "number", typeName);
            CheckApplies(dto.Max, type == FormFieldType.Number, path + ".max", "max", "number", typeName);
            CheckApplies(dto.MinItems, Lists.Contains(type), path + ".minItems", "minItems", "orgUnits and attachments", typeName);
            CheckApplies(dto.MaxItems, Lists.Contains(type), path + ".maxItems", "maxItems", "orgUnits and attachments", typeName);
            CheckApplies(dto.Options, type == FormFieldType.Choice, path + ".options", "options", "choice", typeName);
            if (dto.MaxLength is < 1)
            {
                Add(path + ".maxLength", $"maxLength must be at least 1, not {dto.MaxLength}.");
            }

            if (dto is { Min: { } min, Max: { } max } && min > max)
            {
                Add(path + ".max", $"max ({max}) is less than min ({min}).");
            }

            if (dto.MinItems is < 0)
            {
                Add(path + ".minItems", $"minItems cannot be negative ({dto.MinItems}).");
            }

            if (dto.MaxItems is < 1)
            {
                Add(path + ".maxItems", $"maxItems must be at least 1, not {dto.MaxItems}.");
            }

            if (dto is { MinItems: { } minItems, MaxItems: { } maxItems } && minItems > maxItems)
            {
                Add(path + ".maxItems", $"maxItems ({maxItems}) is less than minItems ({minItems}).");
            }

            var options = type == FormFieldType.Choice ? Options(dto.Options, path + ".options") : null;
            return new FormField(dto.Name!, type, label)
            {
                Required = dto.Required ?? false,
                MaxLength = type switch
                {
                    FormFieldType.Text => dto.MaxLength ?? DefaultTextMaxLength,
                    FormFieldType.Textarea => dto.MaxLength ?? DefaultTextareaMaxLength,
                    FormFieldType.CaseNumber => dto.MaxLength ?? DefaultCaseNumberMaxLength,
                    _ => null,
                },
                Min = dto.Min,
                Max = dto.Max,
                MinItems = Lists.Contains(type) ? dto.MinItems : null,
                MaxItems = type == FormFieldType.Attachments ? dto.MaxItems ?? DefaultAttachmentsMaxItems : dto.MaxItems,
                Options = options,
            };
        }

        private void CheckApplies(object? value, bool applies, string path, string property, string types, string typeName)
        {
            if (value is not null && !applies)
            {
                Add(path, $"{property} applies only to {types} fields, not to a {typeName} field.");
            }
        }

        private List<FormOption> Options(List<FormOptionDto?>? list, string path)
        {
            var options = new List<FormOption>();
            if (list is null || list.Count == 0)
            {
                Add(path, "a choice field needs its options: [{ \"value\": \"accept\", \"label\": { \"zh\": …, \"en\": … } }, …].");
                return options;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var optionPath = $"{path}[{i}]";
                if (list[i] is not { } dto)
                {
                    Add(optionPath, "an option object is required here, not null.");
                    continue;
                }

                var label = Label(dto.Label, optionPath + ".label");
                if (!Require(dto.Value, optionPath + ".value"))
                {
                    continue;
                }

                if (!seen.Add(dto.Value!))
                {
                    Add(optionPath + ".value", $"duplicate option value '{dto.Value}'.");
                    continue;
                }

                options.Add(new FormOption(dto.Value!, label));
            }

            return options;
        }

        private FormCondition? Condition(
            FormConditionDto dto, FormField owner, string path, Dictionary<string, FormField> byName, Dictionary<string, int> seen)
        {
            if (!Require(dto.Field, path + ".field"))
            {
                return null;
            }

            if (dto.Field == owner.Name)
            {
                Add(path + ".field", $"'{owner.Name}' cannot depend on itself.");
                return null;
            }

            if (!byName.TryGetValue(dto.Field!, out var target))
            {
                Add(path + ".field", seen.ContainsKey(dto.Field!)
                    ? $"the field '{dto.Field}' it names is itself invalid."
                    : $"unknown field '{dto.Field}': the form has no field of that name.");
                return null;
            }

            if (!Comparable.Contains(target.Type))
            {
                Add(path + ".field", $"'{dto.Field}' is a {TypeName(target.Type)} field; requiredWhen can compare only with choice, boolean, text, caseNumber, orgUnit or date fields.");
                return null;
            }

            object? value = dto.EqualTo switch
            {
                { ValueKind: JsonValueKind.String } element => element.GetString(),
                { ValueKind: JsonValueKind.True } => true,
                { ValueKind: JsonValueKind.False } => false,
                _ => null,
            };
            if (value is null)
            {
                Add(path + ".equals", "\"equals\" is required: a string, or true/false for a boolean field.");
                return null;
            }

            if (target.Type == FormFieldType.Boolean && value is not bool)
            {
                Add(path + ".equals", $"'{dto.Field}' is a boolean field; compare it with true or false, not '{value}'.");
                return null;
            }

            if (target.Type != FormFieldType.Boolean && value is bool)
            {
                Add(path + ".equals", $"'{dto.Field}' is a {TypeName(target.Type)} field; compare it with a string, not {(value is true ? "true" : "false")}.");
                return null;
            }

            if (target.Options is { } options && !options.Any(o => o.Value == (string)value))
            {
                Add(path + ".equals", $"'{value}' is not one of the options of '{dto.Field}': {string.Join(", ", options.Select(o => o.Value))}.");
                return null;
            }

            return new FormCondition(dto.Field!, value);
        }

        private LocalizedName Label(FormLabelDto? label, string path)
        {
            if (label is null)
            {
                Add(path, "a label is required: { \"zh\": \"…\", \"en\": \"…\" }.");
                return new LocalizedName("", "");
            }

            Require(label.Zh, path + ".zh");
            Require(label.En, path + ".en");
            return new LocalizedName(label.Zh?.Trim() ?? "", label.En?.Trim() ?? "");
        }

        private bool Require(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(path, "a value is required here.");
                return false;
            }

            return true;
        }

        private void Add(string path, string message) => problems.Add(new(file, path, message));
    }
}
