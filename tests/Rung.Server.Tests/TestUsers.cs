using Rung.Server.Security;

namespace Rung.Server.Tests;

/// <summary>The users the browser tests sign in as.</summary>
internal static class TestUsers
{
    public const string Password = "correct horse";

    public static InMemoryUserDirectory Directory() => new(
    [
        (new ConsoleUser("ada", "Ada Approver", new HashSet<string> { ConsoleRoles.Approver, ConsoleRoles.Operator }), Password),
        (new ConsoleUser("aud", "Audrey Auditor", new HashSet<string> { ConsoleRoles.Auditor }), Password),
    ]);
}
