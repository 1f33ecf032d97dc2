namespace Rung.Runtime.Challengers;

/// <summary>What the challenger in shadow has done since start.</summary>
/// <param name="Answered">Cases it answered.</param>
/// <param name="Failed">Calls that threw.</param>
/// <param name="TimedOut">Calls past the timeout, or skipped because an earlier call had not returned.</param>
/// <param name="Dropped">Cases not given to it: the queue was full, or the shadow was stopping.</param>
/// <param name="StoreFailures">Batches whose shadow rows could not be stored.</param>
public sealed record ChallengerShadowCounters(long Answered, long Failed, long TimedOut, long Dropped, long StoreFailures);
