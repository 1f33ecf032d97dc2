namespace Rung.Core.Drift;

/// <summary>
/// The few special functions the drift tests need: the Kolmogorov distribution and the regularized incomplete
/// gamma function. Pure and thread-safe.
/// </summary>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-15;
    private const int MaxIterations = 1000;

    // Lanczos approximation (g = 7, n = 9); about 15 significant digits for positive arguments.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>The natural logarithm of the gamma function, for <paramref name="x"/> &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="x"/> is not positive.</exception>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            // Reflection keeps the Lanczos sum in its accurate range.
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>
    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a). The chi-square survival function
    /// with k degrees of freedom at s is Q(k/2, s/2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When a &lt;= 0 or x &lt; 0.</exception>
    public static double RegularizedGammaQ(double a, double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        if (x == 0)
        {
            return 1;
        }

        // The series converges fast below a + 1, the continued fraction above it.
        return x < a + 1 ? 1 - LowerSeries(a, x) : UpperContinuedFraction(a, x);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x) = 1 - Q(a, x).</summary>
    public static double RegularizedGammaP(double a, double x) => 1 - RegularizedGammaQ(a, x);

    /// <summary>The chi-square survival function: the probability that a chi-square variable with <paramref name="degreesOfFreedom"/> exceeds <paramref name="statistic"/>.</summary>
    public static double ChiSquareSurvival(double statistic, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(degreesOfFreedom);
        return RegularizedGammaQ(degreesOfFreedom / 2.0, Math.Max(0, statistic) / 2.0);
    }

    /// <summary>
    /// The Kolmogorov distribution function K(λ) = P(sup |B(t)| &lt;= λ) of the Brownian bridge: the limit law of
    /// √n·D. K(1.36) ≈ 0.95, K(1.63) ≈ 0.99.
    /// </summary>
    public static double KolmogorovCdf(double lambda) => 1 - KolmogorovSurvival(lambda);

    /// <summary>The Kolmogorov survival function Q(λ) = 2 Σ (-1)^(k-1) exp(-2k²λ²), the asymptotic KS p-value.</summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (double.IsNaN(lambda))
        {
            return double.NaN;
        }

        if (lambda <= 0)
        {
            return 1;
        }

        if (lambda < 1.18)
        {
            // The alternating series converges slowly for small λ; the Jacobi theta form converges fast there.
            var factor = Math.Sqrt(2 * Math.PI) / lambda;
            var w = Math.PI * Math.PI / (8 * lambda * lambda);
            var cdf = 0.0;
            for (var k = 1; k < 100; k += 2)
            {
                var term = Math.Exp(-k * k * w);
                cdf += term;
                if (term < Epsilon * cdf)
                {
                    break;
                }
            }

            return Math.Clamp(1 - (factor * cdf), 0, 1);
        }

        var sum = 0.0;
        var sign = 1.0;
        for (var k = 1; k < 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += sign * term;
            sign = -sign;
            if (term < Epsilon)
            {
                break;
            }
        }

        return Math.Clamp(2 * sum, 0, 1);
    }

    private static double LowerSeries(double a, double x)
    {
        var term = 1.0 / a;
        var sum = term;
        for (var n = 1; n < MaxIterations; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp((a * Math.Log(x)) - x - LogGamma(a));
    }

    private static double UpperContinuedFraction(double a, double x)
    {
        // Modified Lentz evaluation of the continued fraction for Γ(a, x).
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < tiny)
            {
                d = tiny;
            }

            c = b + (an / c);
            if (Math.Abs(c) < tiny)
            {
                c = tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp((a * Math.Log(x)) - x - LogGamma(a)) * h;
    }
}
