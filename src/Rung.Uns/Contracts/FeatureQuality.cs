namespace Rung.Uns.Contracts;

/// <summary>The quality of one feature in an assembled case.</summary>
public enum FeatureQuality
{
    /// <summary>A fresh value in range.</summary>
    Good,

    /// <summary>The value is older than its max age, or its source died.</summary>
    Stale,

    /// <summary>No value has arrived.</summary>
    Missing,

    /// <summary>The value is outside the input's plausible range.</summary>
    OutOfRange,

    /// <summary>The last good value stands in, within its hold limit, for one that is too old or bad.</summary>
    Held,

    /// <summary>The source flagged the value bad, or it is not a number.</summary>
    BadQuality,
}
