namespace Rung.Runtime.Monitoring;

/// <summary>The exception queue of one agent at one moment.</summary>
/// <param name="Open">Items waiting for a person.</param>
/// <param name="AtRisk">Of those, items with less than a quarter of their SLA left in business hours, or past due.</param>
/// <param name="Overdue">Of those, items past due.</param>
/// <param name="OldestAge">Wall-clock age of the oldest open item; zero when none.</param>
public sealed record QueueStatus(int Open, int AtRisk, int Overdue, TimeSpan OldestAge)
{
    /// <summary>An empty queue.</summary>
    public static QueueStatus Empty { get; } = new(0, 0, 0, TimeSpan.Zero);
}
