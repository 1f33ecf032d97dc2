using Rung.Core.Guards;

namespace Rung.UseCases.Reading;

/// <summary>Reads <c>agent.guard</c>.</summary>
internal static class GuardReader
{
    public static readonly string[] Keys = ["allowed_actions", "ranges", "rate_limits", "forbidden_targets"];

    private static readonly string[] RangeKeys = ["action", "min", "max"];
    private static readonly string[] RateLimitKeys = ["action", "max", "window"];

    public const int MaxRateCount = 1_000_000;

    public static Guard? Read(MapReader? guard, Values values, IReadOnlySet<string>? declared)
    {
        if (guard is null)
        {
            return null;
        }

        var allowedNames = new DuplicateTracker(values, "allowed action");
        var allowed = new List<string>();
        foreach (var item in values.List(guard.Optional("allowed_actions")))
        {
            var name = values.ActionReference(item, declared);
            if (name is not null && allowedNames.Add(name, item))
            {
                allowed.Add(name);
            }
        }

        var ranges = new List<ValueRange>();
        foreach (var item in values.List(guard.Optional("ranges")))
        {
            var range = values.Map(item, RangeKeys);
            var action = values.ActionReference(range?.Required("action"), declared);
            var minField = range?.Required("min");
            var min = values.Number(minField);
            var max = values.Number(range?.Required("max"));
            if (min is { } low && max is { } high && low >= high)
            {
                values.Error(minField!.Value, $"min ({low}) must be less than max ({high})");
            }

            ranges.Add(new ValueRange(action ?? "", min ?? 0, max ?? 0));
        }

        var rateLimits = new List<RateLimit>();
        foreach (var item in values.List(guard.Optional("rate_limits")))
        {
            var limit = values.Map(item, RateLimitKeys);
            rateLimits.Add(new RateLimit(
                values.ActionReference(limit?.Required("action"), declared) ?? "",
                values.Integer(limit?.Required("max"), 1, MaxRateCount) ?? 1,
                values.Duration(limit?.Required("window")) ?? TimeSpan.FromHours(1)));
        }

        var targets = values.List(guard.Optional("forbidden_targets"))
            .Select(t => values.Checked(t, Names.CheckTopicPattern) ?? "")
            .ToList();

        return new Guard(allowed, ranges, rateLimits, targets);
    }
}
