using Rung.Governance.Identity;
using Rung.Storage;
using Rung.Storage.Audit;
using Rung.Storage.Idempotency;
using Rung.Storage.Identity;

namespace Rung.Server.Api;

/// <summary>What every handler works with: the store in its roles, identity, the hosted agents, the clock and the conduit check of edge requests.</summary>
internal sealed record ApiServices(
    IRungStore Store,
    IAuditStore Audit,
    IIdempotencyStore Idempotency,
    IdentityService Identity,
    ApiAgents Agents,
    TimeProvider Time,
    string DataFolder,
    IModelRegistryStore Registry,
    IGateStore Gates,
    IIdentityStore Identities,
    Security.EdgeFlowGate? Flows = null);
