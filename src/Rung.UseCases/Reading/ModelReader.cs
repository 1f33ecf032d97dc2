using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.model</c>.</summary>
internal static class ModelReader
{
    public static readonly string[] Keys =
    [
        "kind", "version", "command", "args", "timeout", "profile",
        "url", "name", "model_version", "retries", "input", "datatype", "output", "classes", "label_output", "score_output", "max_batch",
    ];

    private static readonly string[] LocalKeys = ["command", "args"];

    private static readonly string[] OipKeys = ["url", "name", "model_version", "retries", "input", "datatype", "output", "classes", "label_output", "score_output", "max_batch"];

    public static ModelReference Read(MapReader? model, Values values)
    {
        var kindField = model?.Required("kind");
        var kind = values.NonEmptyText(kindField) switch
        {
            null => ModelKind.Process,
            "process" => ModelKind.Process,
            "in_process" => ModelKind.InProcess,
            "oip" => ModelKind.Oip,
            var other => Unknown(values, kindField!.Value, other),
        };

        var version = values.NonEmptyText(model?.Required("version")) ?? "";
        var timeout = values.Duration(model?.Optional("timeout"));
        var profile = values.NonEmptyText(model?.Optional("profile"));
        if (kind == ModelKind.Oip)
        {
            NotFor(model, values, LocalKeys, "oip");
            return new ModelReference(kind, version, "", [], timeout, profile, ReadOip(model, values));
        }

        NotFor(model, values, OipKeys, kind == ModelKind.Process ? "process" : "in_process");
        var arguments = values.List(model?.Optional("args"))
            .Select(a => values.Text(a))
            .Select(a => a ?? "")
            .ToList();

        return new ModelReference(kind, version, values.NonEmptyText(model?.Required("command")) ?? "", arguments, timeout, profile);
    }

    private static OipModelSettings ReadOip(MapReader? model, Values values)
    {
        var url = values.Checked(model?.Required("url"), CheckUrl) ?? "";
        var name = values.NonEmptyText(model?.Required("name")) ?? "";
        var classesField = model?.Optional("classes");
        var classes = classesField is null ? null : values.List(classesField).Select(c => values.NonEmptyText(c) ?? "").ToList();
        if (classes is not null && classes.Count < 2)
        {
            values.Error(classesField!.Value, "list at least two classes: the action of each probability column, in order");
        }

        var label = model?.Optional("label_output");
        var score = model?.Optional("score_output");
        if ((label is null) != (score is null))
        {
            values.Error((label ?? score)!.Value, "label_output and score_output go together: the label names the action, the score is its confidence");
        }

        if (label is not null && model?.Optional("output") is { } output)
        {
            values.Error(output, "give either output (class probabilities) or label_output and score_output, not both");
        }

        return new OipModelSettings(url, name)
        {
            ModelVersion = values.NonEmptyText(model?.Optional("model_version")),
            Retries = values.Integer(model?.Optional("retries"), 0, 10),
            InputTensor = values.NonEmptyText(model?.Optional("input")),
            Datatype = values.Checked(model?.Optional("datatype"), d => d is "FP32" or "FP64" ? null : $"'{d}' is not an input datatype Rung sends; expected FP32 or FP64"),
            ProbabilitiesOutput = values.NonEmptyText(model?.Optional("output")),
            Classes = classes,
            LabelOutput = values.NonEmptyText(label),
            ScoreOutput = values.NonEmptyText(score),
            MaxBatch = values.Integer(model?.Optional("max_batch"), 1, 10_000),
        };
    }

    private static string? CheckUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
            ? null
            : $"'{text}' is not an http:// or https:// URL of the inference server, e.g. http://models.plant.local:8000";

    private static void NotFor(MapReader? model, Values values, string[] keys, string kind)
    {
        foreach (var key in keys)
        {
            if (model?.Optional(key) is { } field)
            {
                values.Error(field, $"'{key}' does not apply to a model of kind {kind}");
            }
        }
    }

    private static ModelKind Unknown(Values values, Field field, string text)
    {
        values.Error(field, $"unknown model kind '{text}'; expected process, in_process or oip");
        return ModelKind.Process;
    }
}
