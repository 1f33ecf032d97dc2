using Rung.Core.Ladder;
using Rung.Gates.Approval;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Storage.Sqlite;
using Rung.Testing;
using static Rung.Gates.Tests.Fixture;

namespace Rung.Gates.Tests;

/// <summary>A promotion approved by the owner's electronic signature, bound to the gate's evidence snapshot; no signature, no promotion.</summary>
public sealed class SignedPromotionApprovalTests
{
    private const string Password = "correct horse battery staple";
    private static readonly DateTimeOffset Start = Now - TimeSpan.FromDays(28);

    [Fact]
    public async Task Promote_OwnersSignature_PromotesAndTheSignatureIsBoundToTheSnapshotHash()
    {
        using var dir = new TempDirectory();
        await using var env = await Env.StartAsync(dir);
        var approval = await env.ApprovalAsync("line.lead", Password);

        var (report, change) = await env.Service.PromoteAsync(UseCase(), approval, "line.lead");

        Assert.Equal(Stage.ProductionOwned, change.To);
        Assert.Equal(SignedPromotionApproval.Method, change.Evidence["approval_method"]);
        var decision = Assert.Single(await env.Store.GetGateDecisionsAsync("agent-1"));
        var signature = Assert.Single(await env.Store.GetSignaturesAsync(SignedPromotionApproval.RecordType, "agent-1"));
        Assert.Equal(signature.SignatureId, decision.ApprovalReference);
        Assert.Equal("Approved", signature.Meaning);
        Assert.Equal("line.lead", signature.UserId);

        var request = new PromotionRequest("agent-1", report.From, report.To, decision.SnapshotSha256,
            $"I approve the promotion of agent-1 from {report.From} to {report.To} on the evidence of the gate report {decision.SnapshotSha256[..12]}.");
        Assert.All(await env.Signatures.VerifyAsync(SignedPromotionApproval.RecordType, "agent-1", SignedPromotionApproval.CanonicalBytes(request)), c => Assert.True(c.Valid, c.Reason));
        var other = request with { EvidenceSha256 = new string('0', 64) };
        Assert.All(await env.Signatures.VerifyAsync(SignedPromotionApproval.RecordType, "agent-1", SignedPromotionApproval.CanonicalBytes(other)), c => Assert.False(c.Valid));
    }

    [Fact]
    public async Task Promote_WithoutTheOwnersSignature_IsRefusedAndNothingChanges()
    {
        using var dir = new TempDirectory();
        await using var env = await Env.StartAsync(dir);

        var wrongPassword = await Assert.ThrowsAsync<UnauthorizedAccessException>(async () => await env.Service.PromoteAsync(UseCase(), await env.ApprovalAsync("line.lead", Password, signWith: "not the password at all"), "line.lead"));
        Assert.Contains("was not signed", wrongPassword.Message, StringComparison.Ordinal);

        // Someone else's session cannot sign for the owner, and only the owner may approve at all.
        var foreign = await Assert.ThrowsAsync<UnauthorizedAccessException>(async () => await env.Service.PromoteAsync(UseCase(), await env.ApprovalAsync("qa.lead", Password), "line.lead"));
        Assert.Contains("belongs to 'qa.lead'", foreign.Message, StringComparison.Ordinal);
        var notOwner = await Assert.ThrowsAsync<UnauthorizedAccessException>(async () => await env.Service.PromoteAsync(UseCase(), await env.ApprovalAsync("qa.lead", Password), "qa.lead"));
        Assert.Contains("Only the owner line.lead", notOwner.Message, StringComparison.Ordinal);

        Assert.Equal(Stage.AutoWithExceptions, (await env.Store.GetAgentAsync("agent-1"))!.Stage);
        Assert.Empty(await env.Store.GetGateDecisionsAsync("agent-1"));
        Assert.Empty(await env.Store.GetSignaturesAsync(SignedPromotionApproval.RecordType, "agent-1"));
    }

    private sealed class Env : IAsyncDisposable
    {
        private readonly ServerKey _key;

        private Env(SqliteRungStore store, ManualTimeProvider clock, IdentityService identity, ServerKey key)
        {
            Store = store;
            Identity = identity;
            _key = key;
            Signatures = new SignatureService(identity, store, key, clock);
            Service = new GateService(store, store, clock);
        }

        public SqliteRungStore Store { get; }

        public IdentityService Identity { get; }

        public SignatureService Signatures { get; }

        public GateService Service { get; }

        public static async Task<Env> StartAsync(TempDirectory dir)
        {
            var clock = new ManualTimeProvider();
            clock.SetUtcNow(Start);
            var store = await SqliteRungStore.OpenAsync(dir.File("rung.db"), clock);
            await GateServiceTests.SeedAsync(store, Stage.AutoWithExceptions, highSeverityCase: null);
            clock.SetUtcNow(Now);
            var options = new IdentityOptions();
            var identity = new IdentityService(store, store, new StoreSecurityAlarms(store, options.SecurityOwner), options, clock);
            await identity.AddUserAsync("line.lead", "Lina Lead", [Role.Owner], ["acme/site"], Password, "admin");
            await identity.AddUserAsync("qa.lead", "Quinn Quality", [Role.Quality], ["acme/site"], Password, "admin");
            return new Env(store, clock, identity, ServerKey.LoadOrCreate(Path.Combine(dir.Path, "keys")));
        }

        public async Task<SignedPromotionApproval> ApprovalAsync(string user, string password, string? signWith = null)
        {
            var session = (await Identity.SignInAsync(user, password)).Session!;
            return new SignedPromotionApproval(Signatures, Identity, "line.lead", "acme/site/area/line", session, user, signWith ?? password);
        }

        public async ValueTask DisposeAsync()
        {
            _key.Dispose();
            await Store.DisposeAsync();
        }
    }
}
