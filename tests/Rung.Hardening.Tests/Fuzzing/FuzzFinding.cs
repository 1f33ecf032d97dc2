namespace Rung.Hardening.Tests.Fuzzing;

/// <summary>One input that broke a target's contract, with enough to reproduce it.</summary>
internal sealed record FuzzFinding(string Target, int Seed, int Iteration, byte[] Input, string Problem)
{
    public override string ToString()
    {
        var shown = Input.Length <= 160 ? Input : Input[..160];
        return $"{Target} seed {Seed} input #{Iteration} ({Input.Length} bytes, hex {Convert.ToHexString(shown)}{(Input.Length > 160 ? "..." : "")}): {Problem}";
    }
}
