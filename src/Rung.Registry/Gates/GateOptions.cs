namespace Rung.Registry.Gates;

/// <summary>How strict the challenger's test gates are.</summary>
public sealed record GateOptions
{
    /// <summary>How far below the champion's accuracy the challenger may be on the held-out and production sets. Default 0: match or beat.</summary>
    public double AccuracyTolerance { get; init; }

    /// <summary>How far below the champion's accuracy the challenger may be on any slice. Default 0.02.</summary>
    public double SliceTolerance { get; init; } = 0.02;

    /// <summary>Slices with fewer cases are reported but not judged. Default 30.</summary>
    public int MinSliceCases { get; init; } = 30;

    /// <summary>The case fields to cut slices by (product type, shift, line). Default none.</summary>
    public IReadOnlyList<string> SliceKeys { get; init; } = [];

    /// <summary>How many held-out cases the robustness gate perturbs. Default 100.</summary>
    public int RobustnessCases { get; init; } = 100;

    /// <summary>Noise added to inputs, as a share of each input's declared range. Default 0.05.</summary>
    public double NoiseShare { get; init; } = 0.05;

    /// <summary>Seed of the robustness gate's noise, so a report can be reproduced. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When true, an empty production set fails the production gate; otherwise it passes with a note. Default false.</summary>
    public bool RequireProductionCases { get; init; }
}
