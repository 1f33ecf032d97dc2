namespace Rung.Uns.Sparkplug;

/// <summary>The effect of one message on a session: values to pass on, or why not, and whether to ask for a rebirth.</summary>
internal readonly record struct SparkplugStepResult(IReadOnlyList<TagValue> Values, string? Problem, bool Rebirth);
