using System.Globalization;
using Rung.Core.UseCases;
using Rung.Uns.Units;

namespace Rung.Uns.Contracts;

/// <summary>The held state of one feature: its latest value, its last good value, and whether its source died.</summary>
internal sealed class FeatureSlot(InputDefinition input, UnsTagDefinition tag, UnitConversion conversion)
{
    private TagValue? latest;
    private (double Value, DateTimeOffset At)? lastGood;
    private bool sourceDead;

    public InputDefinition Input => input;

    public UnsTagDefinition Tag => tag;

    public SlotChange Offer(TagValue value)
    {
        if (value is { Quality: TagQuality.Stale, Number: null, Text: null })
        {
            // A death mark: the source is gone, whatever the clocks say.
            sourceDead = true;
            return SlotChange.Accepted;
        }

        if (latest is { } held)
        {
            if (value.Timestamp < held.Timestamp)
            {
                return SlotChange.OutOfOrder;
            }

            if (value.Timestamp == held.Timestamp && value.Number == held.Number && value.Text == held.Text && value.Quality == held.Quality && !sourceDead)
            {
                return SlotChange.Duplicate;
            }
        }

        latest = value;
        sourceDead = value.Quality == TagQuality.Stale;
        if (value.Quality == TagQuality.Good && value.Number is { } n && double.IsFinite(n))
        {
            lastGood = (conversion.Apply(n), value.Timestamp);
        }

        return SlotChange.Accepted;
    }

    public FeatureReading Read(DateTimeOffset at)
    {
        var name = input.Name;
        if (latest is not { } value)
        {
            return new FeatureReading(name, null, FeatureQuality.Missing, null, "no value received");
        }

        if (sourceDead)
        {
            return new FeatureReading(name, null, FeatureQuality.Stale, value.Timestamp, "the source went offline");
        }

        var fresh = value.Quality == TagQuality.Good && lastGood is { } good && good.At == value.Timestamp;
        var age = Age(at, value.Timestamp);
        if (fresh && (tag.MaxAge is not { } maxAge || age <= maxAge))
        {
            return InRange(lastGood!.Value.Value, FeatureQuality.Good, value.Timestamp, null);
        }

        var why = !fresh
            ? value.Quality == TagQuality.Good ? "the latest value is not a number" : $"the source flagged the latest value {value.Quality}"
            : $"stale by {age - tag.MaxAge!.Value} (max age {tag.MaxAge})";
        if (tag.HoldLast is { } hold && lastGood is { } last && Age(at, last.At) <= hold)
        {
            return InRange(last.Value, FeatureQuality.Held, last.At, $"{why}; holding the value from {Age(at, last.At)} before (limit {hold})");
        }

        return fresh
            ? new FeatureReading(name, null, FeatureQuality.Stale, value.Timestamp, why)
            : new FeatureReading(name, null, FeatureQuality.BadQuality, value.Timestamp, why);
    }

    private FeatureReading InRange(double value, FeatureQuality quality, DateTimeOffset at, string? problem)
    {
        if (value < input.Min || value > input.Max)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{value:G6} {input.Unit} outside the plausible range {input.Min}..{input.Max} {input.Unit}");
            return new FeatureReading(input.Name, value, FeatureQuality.OutOfRange, at, text);
        }

        return new FeatureReading(input.Name, value, quality, at, problem);
    }

    private static TimeSpan Age(DateTimeOffset now, DateTimeOffset then) => now > then ? now - then : TimeSpan.Zero;
}
