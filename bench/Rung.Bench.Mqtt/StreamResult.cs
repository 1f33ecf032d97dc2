namespace Rung.Bench.Mqtt;

/// <summary>One stream measured at both subscribers.</summary>
internal sealed record StreamResult(string Stream, int Messages, SubscriberResult Publisher, SubscriberResult Rung, SubscriberResult MosquittoSub);

/// <summary>Messages seen and the time from the first to the last of them.</summary>
internal sealed record SubscriberResult(int Received, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Received / Elapsed.TotalSeconds : 0;
}
