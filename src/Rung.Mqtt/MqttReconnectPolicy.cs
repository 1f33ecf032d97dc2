namespace Rung.Mqtt;

/// <summary>
/// Exponential backoff with jitter between reconnect attempts: attempt n waits
/// min(<see cref="MaxDelay"/>, <see cref="InitialDelay"/> x 2^n), then a random share of up to
/// <see cref="Jitter"/> of it is taken off so that many clients do not return in step.
/// </summary>
public sealed record MqttReconnectPolicy
{
    /// <summary>Wait before the first retry. Default 0.5 s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share (0 to 1) of each wait that is randomised. Default 0.2.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan GetDelay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Clamp(attempt, 0, 30);
        var ticks = Math.Min(MaxDelay.Ticks, InitialDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ticks * (1 - (Jitter * random.NextDouble()))));
    }

    internal void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay || Jitter is < 0 or > 1)
        {
            throw new ArgumentException($"reconnect policy needs InitialDelay > 0 (is {InitialDelay}), MaxDelay >= InitialDelay (is {MaxDelay}) and Jitter in [0, 1] (is {Jitter})");
        }
    }
}
