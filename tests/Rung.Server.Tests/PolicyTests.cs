using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Rung.Governance.Identity;
using Rung.Server.Security;

namespace Rung.Server.Tests;

/// <summary>The console's policies are the governance matrix, and buttons also need the zone.</summary>
public sealed class PolicyTests
{
    [Theory]
    [InlineData(Role.Auditor, Operation.ViewAudit, true)]
    [InlineData(Role.Auditor, Operation.ApproveCase, false)]
    [InlineData(Role.Admin, Operation.ApproveCase, false)]
    [InlineData(Role.Operator, Operation.ApproveCase, true)]
    [InlineData(Role.Operator, Operation.ViewAudit, false)]
    [InlineData(Role.Quality, Operation.ReviewAudit, true)]
    [InlineData(Role.MlEngineer, Operation.AcknowledgeAlarm, false)]
    public void Allows_FollowsThePermissionsMatrix(Role role, Operation operation, bool expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, role.ToString())], CookieAuthenticationDefaults.AuthenticationScheme));
        Assert.Equal(expected, ConsolePolicies.Allows(user, operation));
        Assert.Equal(Permissions.Allows(role, operation), ConsolePolicies.Allows(user, operation));
    }

    [Fact]
    public void Can_NeedsRoleAndZone()
    {
        var otto = new Principal(PrincipalKind.User, "otto", "Otto", new HashSet<Role> { Role.Operator }, ["acme/berlin/press/line3"]);
        Assert.True(ConsolePolicies.Can(otto, Operation.ApproveCase, "acme/berlin/press/line3/cell1"));
        Assert.False(ConsolePolicies.Can(otto, Operation.ApproveCase, "acme/berlin/press/line4"));
        Assert.False(ConsolePolicies.Can(otto, Operation.ApproveCase, "acme/berlin/press/line30"));
        Assert.False(ConsolePolicies.Can(otto, Operation.PromoteStage, "acme/berlin/press/line3"));
        Assert.False(ConsolePolicies.Can(null, Operation.ViewDashboard, "acme"));
    }

    [Fact]
    public void EveryOperation_HasAPolicy()
    {
        var options = new Microsoft.AspNetCore.Authorization.AuthorizationOptions();
        ConsolePolicies.AddTo(options);
        Assert.All(Enum.GetValues<Operation>(), o => Assert.NotNull(options.GetPolicy(o.ToString())));
    }
}
