namespace Rung.Hardening.Tests.Fuzzing;

/// <summary>What a target did with one input: a valid result or a clear refusal. Anything else is a finding.</summary>
internal enum FuzzOutcome
{
    Accepted,
    Refused,
}
