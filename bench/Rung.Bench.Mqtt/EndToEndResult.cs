namespace Rung.Bench.Mqtt;

/// <summary>Tag change published to committed action seen on the command topic.</summary>
internal sealed record EndToEndResult(int Parts, TimeSpan P50, TimeSpan P99, TimeSpan Max, int BurstParts, double BurstPerSecond);
