namespace Rung.Edge;

/// <summary>How an edge runs. Every limit has a default fit for one line.</summary>
public sealed record EdgeOptions
{
    /// <summary>The edge's name, as the server shows it. Default: the machine name.</summary>
    public string EdgeId { get; init; } = Environment.MachineName;

    /// <summary>Most journal entries in one forwarded batch. Default 500 (the server's batch limit).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Pause between forwarding rounds when the buffer is empty or the server is away. Default 200 ms.</summary>
    public TimeSpan ForwardInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The buffer's disk budget, in journalled cases not yet forwarded. Default 1,000,000 (about 2 GB). When full the
    /// edge takes no new cases until forwarding catches up: the broker keeps the QoS 1 input meanwhile.
    /// </summary>
    public long BufferBudget { get; init; } = 1_000_000;

    /// <summary>Share of <see cref="BufferBudget"/> at which the buffer alarm is raised. Default 0.8.</summary>
    public double BufferAlarmAt { get; init; } = 0.8;

    /// <summary>How long after its commit an action may still fire. Default 30 s.</summary>
    public TimeSpan ActionValidity { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a model call may take before the watchdog uses the safe default. Default 100 ms.</summary>
    public TimeSpan ModelBudget { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Failed or timed-out model calls in a row after which a signed model is replaced by the last known-good cached version. Default 5.</summary>
    public int ModelFailureLimit { get; init; } = 5;

    /// <summary>How often stop switches are fetched from the server and the local journal. Default 250 ms, inside the one-second promise.</summary>
    public TimeSpan StopPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often verdicts given on the server (approvals, exception decisions) are fetched. Default 1 s.</summary>
    public TimeSpan VerdictPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a running edge asks the server for its agents' configuration (stage) and signed champions
    /// (<see cref="Hosting.EdgeLiveFeed"/>). Default 2 s, the heartbeat's pace: a promotion, a demotion or a release on
    /// the server is in force on the edge within about this long, plus the batch in flight.
    /// </summary>
    public TimeSpan ConfigPoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the edge reports its health. Default 2 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);
}
