using Microsoft.Playwright;
using Rung.Core.Ladder;
using Rung.Gates.Approval;
using Rung.Governance.Signatures;
using Rung.Registry;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Journal;

namespace Rung.Server.Tests.Live;

[Collection(LiveConsoleCollection.Name)]
public sealed class LiveConsoleTests(LiveConsoleFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Wait = new() { Timeout = 15_000 };

    private const string GatePath = "/agents/" + LiveConsoleFixture.GatedAgent + "/gate";

    [Fact]
    public async Task GatePage_ViewerSeesNoSignButton_WrongPasswordRefuses_OwnerSignsAndSeesTheNewRung()
    {
        // The viewer sees the passed gate with its evidence, and no way to sign it.
        var viewer = await fixture.SignInAsync(LiveConsoleFixture.Viewer);
        await viewer.GotoAsync(GatePath);
        await Interactive(viewer);
        await Assertions.Expect(viewer.Locator("[data-verdict]").First).ToHaveTextAsync("PASS");
        await Assertions.Expect(viewer.Locator("tr[data-criterion='shadow.volume']")).ToContainTextAsync("30 labelled live cases on Shadow, 20 required");
        await Assertions.Expect(viewer.Locator("tr[data-item='business_owner']")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("dl.roi")).ToContainTextAsync("Monthly value");
        Assert.Equal(0, await viewer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Sign the promotion") }).CountAsync());
        await viewer.Context.CloseAsync();

        // The server runs the agent on Shadow with its registry champion.
        var before = await DecideGatedAsync();
        Assert.Equal((Stage.Shadow, Rung.Core.Policy.Disposition.Logged), (before.Stage, before.Decision.Disposition));

        var page = await fixture.SignInAsync(LiveConsoleFixture.Owner);
        await page.GotoAsync(GatePath);
        await Interactive(page);
        await page.ScreenshotAsync(new() { Path = Shot("gate"), FullPage = true });

        // A wrong password: refused in the dialog, the agent stays on Shadow, no signature stored.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the promotion to ApproveEach" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Approved");
        await page.GetByLabel("Your user id").FillAsync(LiveConsoleFixture.Owner);
        await page.GetByLabel("Your password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Alert)).ToContainTextAsync("was not signed");
        Assert.Equal(Stage.Shadow, (await fixture.Store.GetAgentAsync(LiveConsoleFixture.GatedAgent))!.Stage);
        Assert.Empty(await fixture.Store.GetSignaturesAsync(SignedPromotionApproval.RecordType, LiveConsoleFixture.GatedAgent));

        // The right password: promoted, in the ladder history, the signature verifies, and the audit trail has it.
        await page.GetByLabel("Your user id").FillAsync(LiveConsoleFixture.Owner);
        await page.GetByLabel("Your password").FillAsync(LiveConsoleFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("promoted from Shadow to ApproveEach, signed by olga", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator(".ladder li[aria-current=step]")).ToHaveTextAsync("ApproveEach");
        await Assertions.Expect(page.Locator("table.history tbody tr").First).ToContainTextAsync("Promotion");
        await Assertions.Expect(page.Locator("ul.signatures li")).ToContainTextAsync("Olga Owner");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Shot("gate-promoted"), FullPage = true });

        Assert.Equal(Stage.ApproveEach, (await fixture.Store.GetAgentAsync(LiveConsoleFixture.GatedAgent))!.Stage);
        // The running runtime took the signed promotion at once: its next case is drafted for approval.
        var after = await DecideGatedAsync();
        Assert.Equal((Stage.ApproveEach, Rung.Core.Policy.Disposition.PendingApproval), (after.Stage, after.Decision.Disposition));
        Assert.Single(await fixture.Store.GetStageHistoryAsync(LiveConsoleFixture.GatedAgent), h => h.Kind == StageChangeKind.Promotion);
        var change = (await fixture.Store.GetStageHistoryAsync(LiveConsoleFixture.GatedAgent))[^1];
        Assert.Equal((StageChangeKind.Promotion, LiveConsoleFixture.Owner, "e-signature"), (change.Kind, change.Actor, change.Evidence["approval_method"]));
        var signature = Assert.Single(await fixture.Store.GetSignaturesAsync(SignedPromotionApproval.RecordType, LiveConsoleFixture.GatedAgent));
        var request = new PromotionRequest(LiveConsoleFixture.GatedAgent, Stage.Shadow, Stage.ApproveEach, change.Evidence["evidence_sha256"],
            $"I approve the promotion of {LiveConsoleFixture.GatedAgent} from Shadow to ApproveEach on the evidence of the gate report {change.Evidence["evidence_sha256"][..12]}.");
        var check = fixture.Get<SignatureService>().Verify(signature, SignedPromotionApproval.RecordType, LiveConsoleFixture.GatedAgent, SignedPromotionApproval.CanonicalBytes(request));
        Assert.True(check.Valid, check.Reason);
        var audited = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery(AuditRecordTypes.Stage, LiveConsoleFixture.GatedAgent));
        Assert.Contains(audited, e => e.Action == "promotion" && e.Actor == LiveConsoleFixture.Owner);

        // The next gate (ApproveEach) has no evidence yet, so no promotion can be signed.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sign the promotion to AutoWithExceptions" }).CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ModelsPage_ShowsLineageAndEvidence_QualityReleasesOnSignature_EngineerRollsBack()
    {
        // The server runs the agent with its registry champion, not with the use case's model file (softmax-1).
        Assert.Equal("v1", (await DecideGatedAsync()).Proposal.ModelVersion);
        var page = await fixture.SignInAsync(LiveConsoleFixture.Quality);
        await page.GotoAsync($"/agents/{LiveConsoleFixture.GatedAgent}/models");
        await Interactive(page);
        await Assertions.Expect(page.Locator("[data-champion]")).ToHaveTextAsync("v1");
        var v2 = page.Locator("tr[data-version=v2]");
        await Assertions.Expect(v2.Locator(".lineage")).ToHaveTextAsync("v2 <- v1");
        await Assertions.Expect(v2).ToContainTextAsync("challenger");
        await Assertions.Expect(v2).ToContainTextAsync("ds-2026-02");
        await Assertions.Expect(v2).ToContainTextAsync("drift alarm");
        await Assertions.Expect(page.Locator("table[data-gate-of=v2]")).ToContainTextAsync("holdout.accuracy");
        await page.ScreenshotAsync(new() { Path = Shot("models"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Release v2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.GetByLabel("Your user id").FillAsync(LiveConsoleFixture.Quality);
        await page.GetByLabel("Your password").FillAsync(LiveConsoleFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("v2 is the champion (was v1), signed by Quinn Quality", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-champion]")).ToHaveTextAsync("v2");
        Assert.Equal("v2", (await DecideGatedAsync()).Proposal.ModelVersion);
        // Quality releases; rolling back is for engineers.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to v1" }).CountAsync());
        await page.Context.CloseAsync();
        var audited = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery("model", LiveConsoleFixture.GatedAgent));
        Assert.Contains(audited, e => e.Action == "release" && e.Actor == LiveConsoleFixture.Quality);

        var engineer = await fixture.SignInAsync(LiveConsoleFixture.MlEngineer);
        await engineer.GotoAsync($"/agents/{LiveConsoleFixture.GatedAgent}/models");
        await Interactive(engineer);
        Assert.Equal(0, await engineer.GetByRole(AriaRole.Button, new() { Name = "Release v2" }).CountAsync());
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Roll back to v1" }).ClickAsync();
        await Assertions.Expect(engineer.GetByRole(AriaRole.Status)).ToContainTextAsync("Write a reason");
        await engineer.GetByLabel("Reason for rolling back to v1").FillAsync("night shift scrap rose after the release");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Roll back to v1" }).ClickAsync();
        await Assertions.Expect(engineer.GetByRole(AriaRole.Status)).ToContainTextAsync("the champion is v1 again", new() { Timeout = 15_000 });
        await Assertions.Expect(engineer.Locator("[data-champion]")).ToHaveTextAsync("v1");
        Assert.Equal("v1", (await DecideGatedAsync()).Proposal.ModelVersion);
        await engineer.Context.CloseAsync();
        var aliases = await fixture.Get<IModelRegistryStore>().GetModelAliasesAsync(LiveConsoleFixture.GatedAgent);
        Assert.Equal("v1", aliases.Single(a => a.Alias == ModelAliases.Champion).Version);
    }

    [Fact]
    public async Task Approval_OfAnAgentTheServerRuns_IsDeliveredByTheRunningRuntimeAtOnce()
    {
        var caseId = "live-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(201, await fixture.SubmitAsync(caseId, 9.5));
        var decision = await fixture.Store.GetDecisionAsync(caseId);
        Assert.Equal(Rung.Core.Policy.Disposition.PendingApproval, decision!.Decision.Disposition);

        var page = await fixture.SignInAsync(LiveConsoleFixture.Owner);
        await page.GotoAsync("/approvals");
        await Interactive(page);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {caseId}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{caseId} approved and committed");
        await page.Context.CloseAsync();

        // Delivered through the runtime's connector now: in the actions file and marked delivered, no restart.
        var actions = await File.ReadAllTextAsync(Path.Combine(fixture.DataFolder, "actions", LiveConsoleFixture.LiveAgent + ".jsonl"));
        Assert.Contains(caseId, actions, StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Store.GetUndeliveredActionsAsync(LiveConsoleFixture.LiveAgent, 100), a => a.CaseId == caseId);
        var audited = await fixture.Get<IAuditStore>().GetAuditEntriesAsync(new AuditQuery(AuditRecordTypes.Approval, caseId));
        Assert.Equal(LiveConsoleFixture.Owner, Assert.Single(audited).Actor);
    }

    [Theory]
    [InlineData("gate", ColorScheme.Light)]
    [InlineData("gate", ColorScheme.Dark)]
    [InlineData("models", ColorScheme.Light)]
    [InlineData("models", ColorScheme.Dark)]
    public async Task NewPages_PassTheAccessibilityAudit(string which, ColorScheme scheme)
    {
        var page = await fixture.SignInAsync(LiveConsoleFixture.Owner, scheme);
        await page.GotoAsync($"/agents/{LiveConsoleFixture.GatedAgent}/{which}");
        await Interactive(page);
        await Assertions.Expect(page.Locator("section").First).ToBeVisibleAsync();
        var problems = await page.EvaluateAsync<string[]>(AccessibilityTests.Audit);
        Assert.True(problems.Length == 0, which + " " + scheme + ": " + string.Join("; ", problems));
        await page.ScreenshotAsync(new() { Path = Shot($"{which}-{scheme.ToString().ToLowerInvariant()}"), FullPage = true });
        await page.Context.CloseAsync();
    }

    // One case for the gated agent through the API, as the line's system posts it; returns what was stored for it.
    private async Task<DecisionRecord> DecideGatedAsync()
    {
        var caseId = "gated-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(201, await fixture.SubmitAsync(caseId, 9.5, LiveConsoleFixture.GatedAgent));
        return (await fixture.Store.GetDecisionAsync(caseId))!;
    }

    private static Task Interactive(IPage page) => Assertions.Expect(page.Locator("[data-interactive]")).ToBeVisibleAsync(Wait);

    private static string Shot(string name) => Path.Combine(ConsoleFixture.ScreenshotFolder, name + ".png");
}
