using Rung.Registry.Gates;
using Rung.Registry.Shadow;

namespace Rung.Gates.Replication;

/// <summary>The verdict on a site's model choice, with its evidence.</summary>
/// <param name="Choice">Which model to run.</param>
/// <param name="Reason">Why, in one sentence with the numbers.</param>
/// <param name="Shadow">How the two compared on the site's shadow cases.</param>
/// <param name="Gate">The challenger gates, with the site's labelled shadow cases as the held-out set.</param>
public sealed record SiteModelVerdict(ModelChoice Choice, string Reason, ShadowReport Shadow, GateReport Gate);
