namespace Rung.Models.JsonLines;

/// <summary>An answer line that cannot be matched to its request: the stream is out of step and the child must be restarted.</summary>
internal sealed class OutOfStepAnswerException(string problem) : Exception(problem);
