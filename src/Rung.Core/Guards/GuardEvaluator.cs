using Rung.Core.Proposals;

namespace Rung.Core.Guards;

/// <summary>
/// Checks one proposed action against an agent's guard. Every rule must allow the action; the first rule that
/// refuses it is named in the verdict. Not thread-safe when rate limits are used: the ledger is shared state.
/// </summary>
/// <param name="guard">The rules.</param>
/// <param name="declaredActions">The action names the use case declares; anything else is refused.</param>
/// <param name="defaultTarget">The target of an action that names none (the agent's scope).</param>
public sealed class GuardEvaluator(Guard guard, IReadOnlyCollection<string> declaredActions, string defaultTarget)
{
    private readonly HashSet<string> _declared = new(declaredActions, StringComparer.Ordinal);
    private readonly HashSet<string> _allowed = new(guard.AllowedActions, StringComparer.Ordinal);
    private readonly TopicPattern[] _forbidden = [.. guard.ForbiddenTargets.Select(TopicPattern.Parse)];

    /// <summary>The guard's rules.</summary>
    public Guard Guard => guard;

    /// <summary>Evaluates <paramref name="action"/> at <paramref name="now"/> against the commits recorded in <paramref name="ledger"/>.</summary>
    public GuardVerdict Evaluate(ProposedAction action, RateLimitLedger ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(ledger);

        if (!_declared.Contains(action.Name))
        {
            return GuardVerdict.Block("declared-actions", $"action '{action.Name}' is not declared by the use case");
        }

        if (_allowed.Count > 0 && !_allowed.Contains(action.Name))
        {
            return GuardVerdict.Block("allowed-actions", $"action '{action.Name}' is not in the guard's allowed actions");
        }

        var target = action.Target ?? defaultTarget;
        foreach (var pattern in _forbidden)
        {
            if (pattern.Matches(target))
            {
                return GuardVerdict.Block($"forbidden-target:{pattern.Text}", $"target '{target}' is safety-related and refused by design");
            }
        }

        if (action.Value is { } value && !double.IsFinite(value))
        {
            return GuardVerdict.Block($"finite-value:{action.Name}", $"value {value} of '{action.Name}' is not a finite number");
        }

        foreach (var range in guard.Ranges)
        {
            if (range.Action != action.Name)
            {
                continue;
            }

            if (action.Value is not { } v)
            {
                return GuardVerdict.Block($"range:{range.Action}", $"'{range.Action}' needs a value within [{range.Min}, {range.Max}] and has none");
            }

            if (v < range.Min || v > range.Max)
            {
                return GuardVerdict.Block($"range:{range.Action}", FormattableString.Invariant($"value {v} of '{range.Action}' outside [{range.Min}, {range.Max}]"));
            }
        }

        foreach (var limit in guard.RateLimits)
        {
            if (limit.Action == action.Name && ledger.CountSince(action.Name, now - limit.Window) >= limit.MaxCount)
            {
                return GuardVerdict.Block($"rate-limit:{limit.Action}", $"'{limit.Action}' already committed {limit.MaxCount} times in the last {limit.Window}");
            }
        }

        return GuardVerdict.Allow;
    }
}
