using Rung.UseCases.Yaml;

namespace Rung.UseCases.Reading;

/// <summary>Collects every error of one load so the file's author sees them all at once.</summary>
internal sealed class Diagnostics(string source)
{
    private readonly List<UseCaseError> errors = [];

    public string Source { get; } = source;

    public bool HasErrors => errors.Count > 0;

    public void Error(Position at, string path, string message) =>
        errors.Add(new UseCaseError(Source, at.Line, at.Column, path.Length == 0 ? message : $"{path}: {message}"));

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new UseCaseFileException(
                errors.OrderBy(e => e.Line).ThenBy(e => e.Column).Distinct().ToList());
        }
    }
}
