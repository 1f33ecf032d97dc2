namespace Rung.Registry;

/// <summary>The rules a release must meet.</summary>
/// <param name="RequireSignature">True (regulated): no release without an Approved electronic signature on the exact manifest hash.</param>
/// <param name="Probation">How long after a release an SLO breach rolls the new champion back automatically.</param>
public sealed record ReleasePolicy(bool RequireSignature, TimeSpan Probation)
{
    /// <summary>Signature required, seven days' probation.</summary>
    public static ReleasePolicy Regulated { get; } = new(true, TimeSpan.FromDays(7));

    /// <summary>
    /// How many live cases a challenger must have answered in shadow beside the current champion before it may replace
    /// it. Default 0: no live shadow requirement. A first champion (nothing to run beside) is exempt.
    /// </summary>
    public int MinimumShadowCases { get; init; }
}
