namespace Rung.Core.Outcomes;

/// <summary>Where a label came from, weakest first.</summary>
public enum OutcomeSource
{
    /// <summary>What the human did on their own (Shadow).</summary>
    HumanAction = 0,

    /// <summary>An approver's verdict on a drafted action (ApproveEach).</summary>
    ApproverVerdict = 1,

    /// <summary>A person's decision on an exception item.</summary>
    ExceptionDecision = 2,

    /// <summary>A later measurement: a QC result, an inspection, a returned order.</summary>
    QualityResult = 3,
}
