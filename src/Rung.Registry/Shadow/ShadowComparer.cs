using Rung.Core.Cases;
using Rung.Models;

namespace Rung.Registry.Shadow;

/// <summary>Runs a challenger beside the champion on the same live cases and counts agreement and accuracy.</summary>
public static class ShadowComparer
{
    /// <summary>Compares the two on <paramref name="cases"/>. A failed call counts as disagreement and as wrong.</summary>
    public static async Task<ShadowReport> CompareAsync(string agentId, IModelAdapter champion, IModelAdapter challenger, IReadOnlyList<ShadowCase> cases, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(champion);
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(time);
        int agreements = 0, labelled = 0, championCorrect = 0, challengerCorrect = 0;
        foreach (var c in cases)
        {
            var features = new FeatureVector(c.Features);
            var a = await AnswerAsync(champion, features, cancellationToken).ConfigureAwait(false);
            var b = await AnswerAsync(challenger, features, cancellationToken).ConfigureAwait(false);
            agreements += a is not null && a == b ? 1 : 0;
            if (c.Label is { } label)
            {
                labelled++;
                championCorrect += a == label ? 1 : 0;
                challengerCorrect += b == label ? 1 : 0;
            }
        }

        return new ShadowReport(agentId, challenger.Version, champion.Version, cases.Count, agreements, labelled, championCorrect, challengerCorrect, time.GetUtcNow());
    }

    private static async Task<string?> AnswerAsync(IModelAdapter model, FeatureVector features, CancellationToken cancellationToken)
    {
        try
        {
            return (await model.PredictAsync(features, cancellationToken).ConfigureAwait(false)).Action.Name;
        }
        catch (ModelCallException)
        {
            return null;
        }
    }
}
