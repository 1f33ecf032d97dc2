using Rung.Core.UseCases;

namespace Rung.UseCases;

/// <summary>A use-case file that loaded and validated cleanly.</summary>
/// <param name="SourcePath">
/// The absolute path of the file, or the source name given to <see cref="UseCaseLoader.Load"/>.
/// Its folder is the model's working directory and the base for relative model paths.
/// </param>
/// <param name="Definition">The use case and its agent.</param>
public sealed record UseCaseFile(string SourcePath, UseCaseDefinition Definition);
