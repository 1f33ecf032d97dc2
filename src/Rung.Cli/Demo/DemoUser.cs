using Rung.Governance.Identity;

namespace Rung.Cli.Demo;

/// <summary>A person the demo's console knows.</summary>
/// <param name="UserId">Their user id.</param>
/// <param name="PrintedName">Their printed name.</param>
/// <param name="Role">What they do.</param>
/// <param name="Password">Their password for this run, printed once.</param>
internal sealed record DemoUser(string UserId, string PrintedName, Role Role, string Password);
