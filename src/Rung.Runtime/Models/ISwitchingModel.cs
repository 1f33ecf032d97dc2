using Rung.Models;

namespace Rung.Runtime.Models;

/// <summary>
/// A model that switches versions while it runs (<see cref="VerifiedModelHost"/>). The runtime asks for the version
/// deciding now once per batch and keeps it for the whole batch, so no batch is answered half by one version and half
/// by the next.
/// </summary>
internal interface ISwitchingModel
{
    /// <summary>The adapter of the version deciding now; it stays usable until the switching model is disposed.</summary>
    IModelAdapter Current { get; }
}
