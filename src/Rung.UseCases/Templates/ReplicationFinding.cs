namespace Rung.UseCases.Templates;

/// <summary>One line of the report made before an instance is created.</summary>
/// <param name="Role">tag, trigger, outcome or context.</param>
/// <param name="Name">The model input or context name; empty for trigger and outcome.</param>
/// <param name="Topic">The new site's tag or topic.</param>
/// <param name="Status">Seen, Missing, NoData, WrongUnit or Unconvertible.</param>
/// <param name="Detail">What was seen, or what is wrong.</param>
/// <param name="IsProblem">True when the instance cannot work as mapped: nothing is created while any finding is a problem.</param>
public sealed record ReplicationFinding(string Role, string Name, string Topic, string Status, string Detail, bool IsProblem);
