namespace Rung.Simulation.Parts;

/// <summary>
/// A deliberate data-quality problem on one part's reading, recorded so tests and the demo
/// can tell injected faults apart; the reading itself is left faulty.
/// </summary>
/// <param name="Sensor">The affected sensor key.</param>
/// <param name="Kind">What is wrong with it.</param>
public sealed record SensorFault(string Sensor, SensorFaultKind Kind);
