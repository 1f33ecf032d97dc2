namespace Rung.Runtime.Plant;

/// <summary>What a namespace payload looks like.</summary>
public enum PayloadKind
{
    /// <summary>A JSON object or array.</summary>
    Json,

    /// <summary>A Sparkplug B protobuf payload on an <c>spBv1.0/</c> topic.</summary>
    Sparkplug,

    /// <summary>A bare number (or JSON boolean).</summary>
    Number,

    /// <summary>UTF-8 text that is not a number.</summary>
    Text,

    /// <summary>Bytes that are not UTF-8 text.</summary>
    Binary,
}
