using Rung.Core.Ladder;
using Rung.Storage.Journal;
using Rung.Storage.Replication;
using Rung.Storage.Sqlite;

namespace Rung.Storage.Postgres;

public sealed partial class PostgresRungStore : ITemplateStore
{
    /// <inheritdoc />
    public Task<AgentRecord> CreateTemplateInstanceAsync(AgentRecord agent, StageChange initial, TemplateInstance instance, CancellationToken cancellationToken = default)
    {
        TemplateInstanceRows.Validate(agent, initial, instance);
        return WriteAsync(
            transaction =>
            {
                if (ReadAgent(transaction, agent.AgentId) is not null)
                {
                    throw TemplateInstanceRows.AgentExists(agent.AgentId);
                }

                using (var insert = WriteCommand(transaction, """
                    INSERT INTO agents (agent_id, use_case_id, scope, stage, stage_since, definition_json)
                    VALUES (@agent_id, @use_case_id, @scope, @stage, @since, @definition);
                    """))
                {
                    insert.Add("@agent_id", agent.AgentId);
                    insert.Add("@use_case_id", agent.UseCaseId);
                    insert.Add("@scope", agent.Scope);
                    insert.Add("@stage", (int)initial.To);
                    insert.Add("@since", DbTime.ToDb(initial.At));
                    insert.Add("@definition", agent.DefinitionJson);
                    insert.ExecuteNonQuery();
                }

                InsertStageChange(transaction, initial);
                AppendAudit(transaction, RegulatedAudit.AgentCreated(agent, initial));
                using (var insert = WriteCommand(transaction, TemplateInstanceRows.Insert))
                {
                    foreach (var (name, value) in TemplateInstanceRows.Parameters(instance))
                    {
                        insert.Add(name, value);
                    }

                    insert.ExecuteNonQuery();
                }

                AppendAudit(transaction, RegulatedAudit.Instantiated(instance));
                _knownAgents.TryAdd(agent.AgentId, true);
                return agent with { Stage = initial.To, StageSince = initial.At };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateInstance>> GetTemplateInstancesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TemplateInstanceRows.SelectAll;
        var result = new List<TemplateInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(TemplateInstanceRows.Read(reader));
        }

        return result;
    }
}
