namespace Rung.Uns;

/// <summary>The quality the source attached to a value.</summary>
public enum TagQuality
{
    /// <summary>The source vouches for the value.</summary>
    Good,

    /// <summary>The source says the value is wrong or uncertain.</summary>
    Bad,

    /// <summary>The source (or its edge node) has gone away; the last value no longer describes the plant.</summary>
    Stale,
}
