using Rung.Governance.Identity;

namespace Rung.Governance.Tests;

/// <summary>P11-07, A11-15: every operation is denied to every role that lacks it, and allowed to those that have it.</summary>
public sealed class PermissionsTests
{
    public static TheoryData<Role, Operation> AllPairs()
    {
        var data = new TheoryData<Role, Operation>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                data.Add(role, operation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task Authorize_FollowsTheMatrix_ForEveryRoleAndOperation(Role role, Operation operation)
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("u1", role);
        var session = await f.SignInAsync("u1");
        var result = await f.Identity.AuthorizeAsync(session.Principal, operation, "acme/dortmund/machining/line3/cell1");
        Assert.Equal(Permissions.Allows(role, operation), result.Allowed);
        if (!result.Allowed)
        {
            Assert.Contains(operation.ToString(), result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Matrix_EveryOperationHasSomeRole_AndAdminSignsNothing()
    {
        foreach (var operation in Enum.GetValues<Operation>())
        {
            Assert.True(Enum.GetValues<Role>().Any(r => Permissions.Allows(r, operation)), $"{operation} is allowed to nobody");
        }

        Assert.False(Permissions.Allows(Role.Admin, Operation.ApproveCase));
        Assert.False(Permissions.Allows(Role.Admin, Operation.PromoteStage));
        Assert.False(Permissions.Allows(Role.Admin, Operation.ReleaseModel));
        Assert.False(Permissions.Allows(Role.Auditor, Operation.ApproveCase));
        Assert.False(Permissions.Allows(Role.Operator, Operation.ReleaseModel));
    }

    [Fact]
    public async Task Authorize_Denial_IsAudited()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("op", Role.Operator);
        var session = await f.SignInAsync("op");
        Assert.False((await f.Identity.AuthorizeAsync(session.Principal, Operation.ReleaseModel, "acme/dortmund/machining/line3")).Allowed);
        var head = await f.Store.GetAuditHeadAsync();
        Assert.Equal(("op", "deny", "ReleaseModel"), (head!.Actor, head.Action, head.RecordId));
    }

    [Fact]
    public async Task Authorize_DeactivatedUserWithOpenSession_IsDenied()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("op", Role.Operator);
        var session = await f.SignInAsync("op");
        await f.Identity.DeactivateAsync("op", "admin", "left");
        Assert.False((await f.Identity.AuthorizeAsync(session.Principal, Operation.ApproveCase, "acme/dortmund/machining/line3")).Allowed);
    }

    [Fact]
    public void Markdown_HasOneRowPerOperation()
    {
        var lines = Permissions.ToMarkdown().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enum.GetValues<Operation>().Length + 2, lines.Length);
    }
}
