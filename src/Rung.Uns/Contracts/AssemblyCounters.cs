namespace Rung.Uns.Contracts;

/// <summary>Running counts of what a <see cref="UnsCaseAssembler"/> did with its messages, for the monitor.</summary>
public sealed class AssemblyCounters
{
    /// <summary>Values taken as the new latest value of their feature.</summary>
    public long Accepted { get; internal set; }

    /// <summary>Repeats of the held value (same time, same value) that were dropped.</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Values older than the held one that were ignored.</summary>
    public long OutOfOrder { get; internal set; }

    /// <summary>Messages that could not be decoded.</summary>
    public long Refused { get; internal set; }

    /// <summary>Trigger messages for a case key already assembled, not assembled again.</summary>
    public long DuplicateTriggers { get; internal set; }

    /// <summary>Outcomes waiting for a case that had to be dropped because too many were waiting.</summary>
    public long OutcomesDropped { get; internal set; }
}
