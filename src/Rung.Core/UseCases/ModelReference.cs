namespace Rung.Core.UseCases;

/// <summary>How to reach the model.</summary>
public enum ModelKind
{
    /// <summary>A local process speaking JSON lines on stdin and stdout (a pilot's script as it is).</summary>
    Process,

    /// <summary>A model file Rung loads and runs in its own process.</summary>
    InProcess,

    /// <summary>A model served over the Open Inference Protocol v2 REST form (KServe, Triton, MLServer, Seldon).</summary>
    Oip,
}

/// <summary>Which model the agent runs and how.</summary>
/// <param name="Kind">Process, in-process or OIP.</param>
/// <param name="Version">The model version string recorded with every proposal.</param>
/// <param name="Command">For Process: the executable; for InProcess: the model file's path; empty for Oip. Relative paths resolve against the use-case file's folder.</param>
/// <param name="Arguments">For Process: the arguments.</param>
/// <param name="Timeout">Per-call timeout. Default 2 s.</param>
/// <param name="Profile">The model version's reference profile (JSON) that live drift is measured against; null means no drift tests. Relative to the use-case file's folder.</param>
/// <param name="Oip">For Oip: the server, the model and the tensor mapping; null for the other kinds.</param>
public sealed record ModelReference(ModelKind Kind, string Version, string Command, IReadOnlyList<string> Arguments, TimeSpan? Timeout = null, string? Profile = null, OipModelSettings? Oip = null)
{
    /// <summary>The per-call timeout.</summary>
    public TimeSpan TimeoutOrDefault => Timeout ?? TimeSpan.FromSeconds(2);
}
