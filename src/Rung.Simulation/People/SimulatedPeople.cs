using Rung.Simulation.Line;
using Rung.Simulation.Parts;
using Rung.Simulation.Randomness;

namespace Rung.Simulation.People;

/// <summary>
/// The line's operators, approvers, exception handlers and QC lab. Every answer is drawn from a
/// stream seeded by (seed, role, part id), so it is the same whenever and however often it is
/// asked, and independent of the order of questions. Immutable and thread-safe.
/// </summary>
public sealed class SimulatedPeople
{
    private readonly LineSimulationOptions _options;

    /// <summary>Builds the people of a line.</summary>
    /// <param name="options">The same options as the line's; validated here.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public SimulatedPeople(LineSimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>What an operator working alone does with the part: the truth, wrong at the operator error rate, a stop_line missed ten times less often.</summary>
    /// <param name="part">The part.</param>
    public string OperatorAction(SimulatedPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Judgement.Of(part.TrueAction, _options.OperatorErrorRate, Stream(StreamPurpose.Operator, part));
    }

    /// <summary>
    /// An approver's verdict on a drafted action: approved when it matches the approver's own
    /// judgement (the truth, wrong at the approver error rate), otherwise rejected with a short reason.
    /// The approver's judgement of a part does not depend on the draft.
    /// </summary>
    /// <param name="part">The part.</param>
    /// <param name="proposedAction">The drafted action, one of <see cref="PartActions"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="proposedAction"/> is not a known action.</exception>
    public ApprovalVerdict ApproverVerdict(SimulatedPart part, string proposedAction)
    {
        ArgumentNullException.ThrowIfNull(part);
        PartActions.EnsureKnown(proposedAction, nameof(proposedAction));
        var own = Judgement.Of(part.TrueAction, _options.ApproverErrorRate, Stream(StreamPurpose.Approver, part));
        if (own == proposedAction)
        {
            return new ApprovalVerdict(true, null, own);
        }

        var reason = RejectionReasons.Pick(proposedAction, own, Stream(StreamPurpose.ApproverReason, part));
        return new ApprovalVerdict(false, reason, own);
    }

    /// <summary>The action a person takes on the part when it lands in the exception queue (approver error rate).</summary>
    /// <param name="part">The part.</param>
    public string ExceptionDecision(SimulatedPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Judgement.Of(part.TrueAction, _options.ApproverErrorRate, Stream(StreamPurpose.ExceptionHandler, part));
    }

    /// <summary>
    /// How long an exception item for the part waits before a person clears it. Created during a
    /// shift: 0.5 to 3 h, unless that runs past the end of the shift, in which case it is cleared
    /// 15 min to 1.5 h into the next shift; created off shift: the same 15 min to 1.5 h into the next shift.
    /// </summary>
    /// <param name="part">The part.</param>
    /// <param name="createdAt">When the item entered the queue.</param>
    public TimeSpan ExceptionHandlingDelay(SimulatedPart part, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(part);
        var rng = SeedMixer.Stream(_options.Seed, StreamPurpose.ExceptionDelay, SeedMixer.Hash(part.PartId), unchecked((ulong)createdAt.UtcTicks));
        var inShift = rng.Uniform(0.5, 3.0);
        var nextShift = rng.Uniform(0.25, 1.5);
        var calendar = _options.Shifts;
        if (ShiftWindows.TryFindWindow(calendar, createdAt, out _, out var end))
        {
            var handled = createdAt + TimeSpan.FromHours(inShift);
            if (handled <= end)
            {
                return handled - createdAt;
            }
        }

        return ShiftWindows.NextWindowStart(calendar, createdAt) + TimeSpan.FromHours(nextShift) - createdAt;
    }

    /// <summary>The QC lab's result: the part's true action, available the QC delay after production.</summary>
    /// <param name="part">The part.</param>
    public QcFinding QcResult(SimulatedPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return new QcFinding(part.PartId, part.TrueAction, part.ProducedAt + _options.QcDelay);
    }

    private Xoshiro256StarStar Stream(StreamPurpose purpose, SimulatedPart part) =>
        SeedMixer.Stream(_options.Seed, purpose, SeedMixer.Hash(part.PartId));
}
