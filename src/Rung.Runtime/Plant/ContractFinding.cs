namespace Rung.Runtime.Plant;

/// <summary>One line of a contract check against a live broker.</summary>
/// <param name="Role">tag, trigger, outcome or context.</param>
/// <param name="Name">The input, or the context name; empty for trigger and outcome.</param>
/// <param name="Topic">The contract's topic or metric path.</param>
/// <param name="Status">Seen, Silent or WrongUnit.</param>
/// <param name="Detail">What was seen, or what is wrong.</param>
/// <param name="IsProblem">True when the contract cannot work as written.</param>
public sealed record ContractFinding(string Role, string Name, string Topic, string Status, string Detail, bool IsProblem);
