namespace Rung.Simulation.Disturbances;

/// <summary>
/// New bar stock from a different supplier from <paramref name="After"/> on. Its hardness
/// differs, which raises torque and spindle temperature, and its defect mechanism differs:
/// parts fail at lower vibration once the spindle runs hot, a relationship a model trained
/// on the old stock has never seen.
/// </summary>
/// <param name="After">When the new stock is loaded, counted from the simulation start.</param>
/// <param name="HardnessMean">Mean Brinell hardness (HB) of the new stock's bars; the old stock's is <see cref="LineSimulationOptions.HardnessMean"/>.</param>
/// <param name="HardnessSd">Bar-to-bar standard deviation of hardness (HB).</param>
/// <param name="HotDefectOnsetTemp">Spindle temperature (degC) above which the new stock's defects begin.</param>
/// <param name="HotDefectOnsetVibration">Vibration (mm/s) above which the new stock's defects begin, well below the old stock's onset.</param>
/// <param name="MechanismStrength">0 keeps the old defect mechanism, 1 replaces it entirely; values between blend the two.</param>
public sealed record SupplierChange(
    TimeSpan After,
    double HardnessMean = 228,
    double HardnessSd = 14,
    double HotDefectOnsetTemp = 48,
    double HotDefectOnsetVibration = 2.0,
    double MechanismStrength = 1.0) : Disturbance(After);
