namespace Rung.Uns.Contracts;

/// <summary>What a feature did with an offered value.</summary>
internal enum SlotChange
{
    Accepted,
    Duplicate,
    OutOfOrder,
}
