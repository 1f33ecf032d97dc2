using Rung.Core.Outcomes;
using Rung.Core.Proposals;

namespace Rung.Core.Slo;

/// <summary>
/// The live SLO of one agent on its current stage: rolling accuracy over the latest <see cref="Slo.Window"/>
/// judgements and the count of high-severity errors. Memory is bounded by the window. A breach is reported
/// once and stays latched until <see cref="Reset"/> (which the runtime calls on every stage change), so one
/// breach demotes once. Not thread-safe.
/// </summary>
public sealed class SloMonitor
{
    private readonly Slo _slo;
    private readonly Judgement[] _window;
    private int _next;
    private int _count;
    private int _correct;
    private readonly List<string> _highSeverityCases = [];

    /// <summary>Creates a monitor with an empty window.</summary>
    public SloMonitor(Slo slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentOutOfRangeException.ThrowIfLessThan(slo.Window, 1);
        _slo = slo;
        _window = new Judgement[slo.Window];
    }

    /// <summary>The breach reported since the last reset, or null.</summary>
    public SloBreach? Breach { get; private set; }

    /// <summary>The current numbers.</summary>
    public SloStatus Status => new(
        _count,
        _correct,
        _count == 0 ? null : (double)_correct / _count,
        _count == _window.Length,
        _highSeverityCases.Count,
        HealthNow());

    /// <summary>
    /// Adds one judgement. Returns the breach when this judgement causes one (only the first time since the
    /// last reset); otherwise null.
    /// </summary>
    public SloBreach? Add(Judgement judgement)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        if (_count == _window.Length)
        {
            if (_window[_next].Correct)
            {
                _correct--;
            }
        }
        else
        {
            _count++;
        }

        _window[_next] = judgement;
        _next = (_next + 1) % _window.Length;
        if (judgement.Correct)
        {
            _correct++;
        }
        else if (judgement.ErrorSeverity == Severity.High)
        {
            _highSeverityCases.Add(judgement.CaseId);
        }

        if (Breach is not null)
        {
            return null;
        }

        Breach = DetectBreach(judgement);
        return Breach;
    }

    /// <summary>
    /// Forgets a latched breach but keeps the window, so the next judgement is checked afresh. Used after a
    /// restart rebuilt the window: a breach whose demotion was recorded moved the stage on, and one whose
    /// demotion was lost in a crash is found again on the next judgement.
    /// </summary>
    public void ClearBreach() => Breach = null;

    /// <summary>Empties the window and clears the latched breach: the SLO starts afresh on a new stage.</summary>
    public void Reset()
    {
        Array.Clear(_window);
        _next = 0;
        _count = 0;
        _correct = 0;
        _highSeverityCases.Clear();
        Breach = null;
    }

    private SloBreach? DetectBreach(Judgement latest)
    {
        if (_highSeverityCases.Count > _slo.MaxHighSeverityErrors)
        {
            return new SloBreach(SloBreachKind.HighSeverityError, Status, [.. _highSeverityCases], latest.At);
        }

        // Integer counts divided once: 92/100 is the same double as the literal 0.92, so a tie at a line is a tie.
        if (_count == _window.Length && (double)_correct / _count < _slo.AlertLine)
        {
            return new SloBreach(SloBreachKind.AccuracyBelowAlertLine, Status, WindowCaseIds(), latest.At);
        }

        return null;
    }

    private SloHealth HealthNow()
    {
        if (_highSeverityCases.Count > _slo.MaxHighSeverityErrors)
        {
            return SloHealth.Breached;
        }

        if (_count < _window.Length)
        {
            return SloHealth.InsufficientData;
        }

        var accuracy = (double)_correct / _count;
        return accuracy < _slo.AlertLine ? SloHealth.Breached
            : accuracy < _slo.AccuracyFloor ? SloHealth.BelowFloor
            : SloHealth.Healthy;
    }

    private string[] WindowCaseIds()
    {
        var ids = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            ids[i] = _window[(_next - _count + i + _window.Length) % _window.Length].CaseId;
        }

        return ids;
    }
}
