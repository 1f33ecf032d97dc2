using Rung.Simulation.Parts;

namespace Rung.Cli.Demo;

/// <summary>What a simulated person or the QC lab does to a case later.</summary>
internal enum PeopleEventKind
{
    /// <summary>The operator's own action on a case the agent only logged or that the guard blocked.</summary>
    OperatorAction,

    /// <summary>An approver decides a drafted action.</summary>
    ApproverVerdict,

    /// <summary>A person clears an exception item.</summary>
    ExceptionDecision,

    /// <summary>The QC lab's result on a committed part.</summary>
    QcResult,
}

/// <summary>One scheduled people event.</summary>
internal sealed record PeopleEvent(PeopleEventKind Kind, DateTimeOffset At, SimulatedPart Part, string ProposedAction);
