using Rung.Core.Approvals;
using Rung.Core.Policy;
using Rung.Storage.Audit;
using Rung.Testing;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IRungDataStore"/> must have beyond the journal: audit trail, identities,
/// idempotency keys, leases, and what must hold when several processes (several store instances) share one
/// database. A provider's test class says how to open a store on the test's database; each call opens another
/// instance on the same database, as another <c>rung serve</c> process would.
/// </summary>
public abstract partial class DataStoreContract : IAsyncLifetime
{
    private readonly List<IRungDataStore> _opened = [];

    private protected ManualTimeProvider Time { get; } = new(T0);

    /// <summary>The first instance, opened before each test.</summary>
    protected IRungDataStore Store => _opened.Count > 0 ? _opened[0] : throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens one more store instance on the test's database.</summary>
    private protected abstract Task<IRungDataStore> OpenInstanceAsync(TimeProvider timeProvider);

    /// <summary>Opens another instance, closed with the test.</summary>
    protected async Task<IRungDataStore> OpenAnotherAsync(TimeProvider? timeProvider = null)
    {
        var store = await OpenInstanceAsync(timeProvider ?? Time);
        _opened.Add(store);
        return store;
    }

    public virtual async Task InitializeAsync() => await OpenAnotherAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    protected static AuditDraft Draft(string id, string action = "create", string actor = "anna") =>
        new(actor, AuditRecordTypes.User, id, action, null, $$"""{"id":"{{id}}"}""", null);

    /// <summary>Checks the chain the way the verifier does: sequence 1..n, each entry linked to and hashed over the previous.</summary>
    protected static void AssertOneChain(IReadOnlyList<AuditEntry> entries)
    {
        var previous = AuditHash.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(i + 1, entries[i].Sequence);
            Assert.Equal(previous, entries[i].PreviousHash);
            Assert.Equal(AuditHash.Compute(entries[i] with { Hash = string.Empty }), entries[i].Hash);
            previous = entries[i].Hash;
        }
    }

    [Fact]
    public async Task Two_instances_appending_audit_entries_at_once_keep_one_chain()
    {
        var other = await OpenAnotherAsync();
        var writers = new[] { Store, other }
            .Select((store, w) => Task.Run(async () =>
            {
                for (var i = 0; i < 25; i++)
                {
                    await store.AppendAuditAsync(Draft($"u{w}-{i}"));
                }
            }));

        await Task.WhenAll(writers);

        var entries = await Store.GetAuditEntriesAsync(AuditQuery.All);
        Assert.Equal(50, entries.Count);
        AssertOneChain(entries);
        Assert.Equal(entries[^1], await other.GetAuditHeadAsync());
    }

    [Fact]
    public async Task Two_instances_approving_the_same_case_at_once_get_one_success_and_one_refusal()
    {
        var other = await OpenAnotherAsync();
        await Store.EnsureAgentAsync(Agent(), Initial());
        for (var round = 0; round < 10; round++)
        {
            var caseId = $"c{round}";
            await Store.AppendDecisionsAsync([Decision(caseId, T0.AddMinutes(round), Disposition.PendingApproval)]);

            var results = await Task.WhenAll(
                Task.Run(() => Store.AppendApprovalAsync(new Approval(caseId, "anna", Verdict.Approved, T0.AddHours(1)))),
                Task.Run(() => other.AppendApprovalAsync(new Approval(caseId, "ben", Verdict.Rejected, T0.AddHours(1), "Part is fine."))));

            Assert.Single(results, r => r);
        }

        Assert.Empty(await other.GetPendingApprovalsAsync(AgentId, 100));
        AssertOneChain(await Store.GetAuditEntriesAsync(AuditQuery.All));
        var approvalEntries = await Store.GetAuditEntriesAsync(new AuditQuery(RecordType: AuditRecordTypes.Approval));
        Assert.Equal(10, approvalEntries.Count);
    }

    [Fact]
    public async Task Instances_opening_one_database_at_once_migrate_it_once()
    {
        var version = await Store.GetSchemaVersionAsync();

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => OpenAnotherAsync())));
        await Task.WhenAll(opened.Select(s => s.MigrateAsync()));

        foreach (var store in opened)
        {
            Assert.Equal(version, await store.GetSchemaVersionAsync());
        }
    }
}
