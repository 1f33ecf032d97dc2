using System.Globalization;
using Rung.Models;

namespace Rung.Runtime.Agents;

/// <summary>
/// Refuses a model answer the decision path cannot record: no action name, a confidence that is not a number in
/// 0..1, or an explanation with a non-finite contribution. Such an answer is an invalid answer, like an unreadable
/// one, and gets the use case's safe default instead of failing the whole batch.
/// </summary>
internal static class ModelAnswerCheck
{
    /// <exception cref="ModelCallException">The answer cannot be used, with <see cref="ModelFailure.InvalidAnswer"/>.</exception>
    public static ModelOutput Checked(ModelOutput? output)
    {
        var problem = output is null ? "no answer"
            : output.Action is null || string.IsNullOrWhiteSpace(output.Action.Name) ? "an answer without an action name"
            : !(output.Confidence is >= 0 and <= 1) ? string.Create(CultureInfo.InvariantCulture, $"a confidence of {output.Confidence}, not a number from 0 to 1")
            : output.Explanation is null || output.Explanation.Any(e => e is null || !double.IsFinite(e.Contribution)) ? "an explanation with a missing or non-finite contribution"
            : null;
        return problem is null ? output! : throw new ModelCallException(ModelFailure.InvalidAnswer, $"the model gave {problem}");
    }
}
