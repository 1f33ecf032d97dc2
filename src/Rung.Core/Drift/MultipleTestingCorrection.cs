namespace Rung.Core.Drift;

/// <summary>How p-values of several features are corrected for being tested together.</summary>
public enum MultipleTestingCorrection
{
    /// <summary>No correction: each feature at the nominal level (more false alarms as features are added).</summary>
    None,

    /// <summary>Bonferroni: p × m, controls the chance of any false alarm (family-wise error). The default.</summary>
    Bonferroni,

    /// <summary>Benjamini-Hochberg: controls the expected share of false alarms among the flagged features.</summary>
    BenjaminiHochberg,
}
