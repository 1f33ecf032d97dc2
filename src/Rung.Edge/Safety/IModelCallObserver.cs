using Rung.Models;

namespace Rung.Edge.Safety;

/// <summary>
/// A model behind <see cref="EdgeModelGuard"/> that wants to know how its calls ended, including the ones the watchdog
/// abandoned (which the model itself may never see end). Not told about cases a stop switch answered.
/// </summary>
public interface IModelCallObserver
{
    /// <summary>One call ended: <paramref name="failure"/> is null for an answer, else what went wrong and <paramref name="message"/> why.</summary>
    ValueTask ObserveAsync(ModelFailure? failure, string? message, CancellationToken cancellationToken = default);
}
