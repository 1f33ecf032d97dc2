using Rung.Core.Ladder;
using Rung.Storage.Journal;
using Rung.Storage.Replication;

namespace Rung.Storage;

/// <summary>Which agents were made from which use-case template. Every write is one transaction; thread-safe.</summary>
public interface ITemplateStore
{
    /// <summary>
    /// Creates <paramref name="agent"/> with its initial stage change, its audit entries and the record of the template
    /// it was made from, all in one transaction: either all are stored or none.
    /// </summary>
    /// <exception cref="ArgumentException">The records disagree (another agent id, not an Initial change, an empty field).</exception>
    /// <exception cref="InvalidOperationException">An agent with that id already exists; nothing is stored.</exception>
    Task<AgentRecord> CreateTemplateInstanceAsync(AgentRecord agent, StageChange initial, TemplateInstance instance, CancellationToken cancellationToken = default);

    /// <summary>Every agent made from a template, oldest first.</summary>
    Task<IReadOnlyList<TemplateInstance>> GetTemplateInstancesAsync(CancellationToken cancellationToken = default);
}
