namespace Rung.Core.Drift;

/// <summary>The outcome of a two-sample hypothesis test.</summary>
/// <param name="Statistic">The test statistic (KS: D; chi-square: the chi-square sum).</param>
/// <param name="PValue">The probability of a statistic at least this large when both samples come from one distribution.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom for chi-square tests; 0 for KS.</param>
public sealed record TestResult(double Statistic, double PValue, int DegreesOfFreedom = 0);
