using Rung.Server.Security;

namespace Rung.Server.Tests;

public sealed class PolicyAndDirectoryTests
{
    [Fact]
    public async Task SignIn_RightPassword_ReturnsUserWithRoles_WrongOrUnknown_ReturnsNull()
    {
        var users = TestUsers.Directory();
        var ada = await users.SignInAsync("ada", TestUsers.Password);
        Assert.NotNull(ada);
        Assert.Contains(ConsoleRoles.Approver, ada.Roles);
        Assert.Null(await users.SignInAsync("ada", "nope"));
        Assert.Null(await users.SignInAsync("nobody", TestUsers.Password));
    }

    [Fact]
    public void Parse_BadEntryOrUnknownRole_SaysWhich()
    {
        var bad = Assert.Throws<FormatException>(() => InMemoryUserDirectory.Parse("bob:secret"));
        Assert.Contains("bob", bad.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => new InMemoryUserDirectory([InMemoryUserDirectory.Parse("bob:secret:Wizard")]));
        Assert.Contains("Wizard", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policies_AuditorOnlyViews_ApproverApproves_OperatorAcknowledges()
    {
        var auditor = new HashSet<string> { ConsoleRoles.Auditor };
        Assert.True(ConsolePolicies.Allows(ConsolePolicies.View, auditor));
        Assert.False(ConsolePolicies.Allows(ConsolePolicies.Approve, auditor));
        Assert.False(ConsolePolicies.Allows(ConsolePolicies.Triage, auditor));
        Assert.False(ConsolePolicies.Allows(ConsolePolicies.Acknowledge, auditor));
        Assert.True(ConsolePolicies.Allows(ConsolePolicies.Approve, new HashSet<string> { ConsoleRoles.Approver }));
        Assert.True(ConsolePolicies.Allows(ConsolePolicies.Acknowledge, new HashSet<string> { ConsoleRoles.Operator }));
    }
}
