namespace Rung.Bench;

/// <summary>How the anatomy marks committed actions delivered after writing them.</summary>
internal enum MarkDelivery
{
    /// <summary>Not at all.</summary>
    None,

    /// <summary>One prepared UPDATE per action, one transaction per batch.</summary>
    PerAction,

    /// <summary>One UPDATE per batch over the batch's case ids bound as a JSON array (json_each).</summary>
    SetBased,
}
