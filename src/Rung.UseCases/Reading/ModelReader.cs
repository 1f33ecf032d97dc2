using Rung.Core.UseCases;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.model</c>.</summary>
internal static class ModelReader
{
    public static readonly string[] Keys = ["kind", "version", "command", "args", "timeout", "profile"];

    public static ModelReference Read(MapReader? model, Values values)
    {
        var kindField = model?.Required("kind");
        var kind = values.NonEmptyText(kindField) switch
        {
            null => ModelKind.Process,
            "process" => ModelKind.Process,
            "in_process" => ModelKind.InProcess,
            var other => Unknown(values, kindField!.Value, other),
        };

        var arguments = values.List(model?.Optional("args"))
            .Select(a => values.Text(a))
            .Select(a => a ?? "")
            .ToList();

        return new ModelReference(
            kind,
            values.NonEmptyText(model?.Required("version")) ?? "",
            values.NonEmptyText(model?.Required("command")) ?? "",
            arguments,
            values.Duration(model?.Optional("timeout")),
            values.NonEmptyText(model?.Optional("profile")));
    }

    private static ModelKind Unknown(Values values, Field field, string text)
    {
        values.Error(field, $"unknown model kind '{text}'; expected process or in_process");
        return ModelKind.Process;
    }
}
