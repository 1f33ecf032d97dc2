using Rung.Storage.Audit;
using Rung.Storage.Idempotency;
using Rung.Storage.Identity;
using Rung.Storage.Leases;

namespace Rung.Storage;

/// <summary>
/// Everything a <c>rung serve</c> process keeps: the journal, the audit trail, identities, gates, the model
/// registry, the console's queries and its audited writes, idempotency keys, background-job leases, challenger
/// shadow proposals, the agents made from use-case templates, and edges (health, published configuration, stop switches, verdicts
/// handed down to them). Implemented by the embedded
/// SQLite store and by the PostgreSQL store, with the same behaviour; <see cref="RungStoreFactory"/> opens the
/// one the configuration names.
/// </summary>
public interface IRungDataStore :
    IRungStore, IAuditStore, IIdentityStore, IGateStore, IModelRegistryStore, IConsoleQueries, IIdempotencyStore, ILeaseStore,
    IAuditedConsoleWrites, IChallengerShadowStore, ITemplateStore, IEdgeStore, IEdgeVerdictStore;
