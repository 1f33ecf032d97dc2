namespace Rung.Runtime.Plant;

/// <summary>What a <see cref="UnsCaseSource"/> did so far. Written by its loop; read anywhere (values may lag).</summary>
public sealed class UnsCaseSourceCounters
{
    private long _messages;
    private long _cases;
    private long _duplicateCases;
    private long _outcomes;
    private long _unknownOutcomes;
    private long _refused;
    private long _retainedTriggers;

    /// <summary>Messages read from the broker.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Cases assembled and journalled.</summary>
    public long Cases => Interlocked.Read(ref _cases);

    /// <summary>Cases the journal already held (a replayed trigger); nothing was done for them again.</summary>
    public long DuplicateCases => Interlocked.Read(ref _duplicateCases);

    /// <summary>Outcomes stored.</summary>
    public long Outcomes => Interlocked.Read(ref _outcomes);

    /// <summary>Outcomes for cases the journal does not hold; dropped.</summary>
    public long UnknownOutcomes => Interlocked.Read(ref _unknownOutcomes);

    /// <summary>Messages refused (bad payload, no case key); the last reason is in <see cref="LastProblem"/>.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Retained trigger messages ignored: an old event replayed by the broker on subscribe is not a new part.</summary>
    public long RetainedTriggers => Interlocked.Read(ref _retainedTriggers);

    /// <summary>The last refusal, naming the topic and the reason.</summary>
    public string? LastProblem { get; private set; }

    internal void Message() => Interlocked.Increment(ref _messages);

    internal void Case(bool stored) => Interlocked.Increment(ref stored ? ref _cases : ref _duplicateCases);

    internal void Outcome(bool known) => Interlocked.Increment(ref known ? ref _outcomes : ref _unknownOutcomes);

    internal void RetainedTrigger() => Interlocked.Increment(ref _retainedTriggers);

    internal void Refuse(string problem)
    {
        Interlocked.Increment(ref _refused);
        LastProblem = problem;
    }
}
