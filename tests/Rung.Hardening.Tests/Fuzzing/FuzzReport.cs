namespace Rung.Hardening.Tests.Fuzzing;

/// <summary>The tally of one target's run.</summary>
internal sealed record FuzzReport(string Target, int Inputs, int Accepted, int Refused, IReadOnlyList<FuzzFinding> Findings)
{
    public override string ToString() =>
        $"{Target}: {Inputs} inputs, {Accepted} accepted, {Refused} refused with a clear error, {Findings.Count} finding(s)"
        + string.Concat(Findings.Take(5).Select(f => Environment.NewLine + "  " + f));
}
