namespace Rung.Cli.Demo;

/// <summary>What the demo runs.</summary>
/// <param name="Seed">Seeds the line, the people and the pilot model: the same seed gives the same run.</param>
/// <param name="Days">Simulated days of live production.</param>
/// <param name="DaysPerSecond">Pacing: simulated days per wall-clock second; 0 runs as fast as the machine allows.</param>
/// <param name="Data">The data folder the demo fills (its previous demo files are replaced).</param>
/// <param name="Broker">A broker URL: the line's parts then travel through the namespace; null decides them in process.</param>
internal sealed record DemoSettings(long Seed, int Days, double DaysPerSecond, DirectoryInfo Data, string? Broker = null);
