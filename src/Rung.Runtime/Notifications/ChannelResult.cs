namespace Rung.Runtime.Notifications;

/// <summary>What one channel did with one page.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Delivered">Whether the receiving end accepted the page.</param>
/// <param name="Error">Why not, for a person; null when delivered.</param>
public sealed record ChannelResult(string Channel, bool Delivered, string? Error);
