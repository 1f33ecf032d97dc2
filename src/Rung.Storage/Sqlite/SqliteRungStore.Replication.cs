using System.Text.Json.Nodes;
using Rung.Core.Ladder;
using Rung.Storage.Audit;
using Rung.Storage.Journal;
using Rung.Storage.Replication;

namespace Rung.Storage.Sqlite;

public sealed partial class SqliteRungStore : ITemplateStore
{
    /// <inheritdoc />
    public Task<AgentRecord> CreateTemplateInstanceAsync(AgentRecord agent, StageChange initial, TemplateInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.AgentId, nameof(agent));
        foreach (var (value, name) in new[] { (instance.TemplateId, "TemplateId"), (instance.ChampionVersion, "ChampionVersion"), (instance.SourceAgentId, "SourceAgentId"), (instance.Site, "Site"), (instance.Line, "Line"), (instance.CreatedBy, "CreatedBy") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"The template instance's {name} is empty.", nameof(instance));
            }
        }

        if (instance.AgentId != agent.AgentId || initial.AgentId != agent.AgentId)
        {
            throw new ArgumentException($"The agent '{agent.AgentId}', its initial change ('{initial.AgentId}') and its template record ('{instance.AgentId}') must name the same agent.", nameof(instance));
        }

        if (initial.Kind != StageChangeKind.Initial || initial.To != agent.Stage)
        {
            throw new ArgumentException($"Agent '{agent.AgentId}' must be created with an Initial stage change to its stage {agent.Stage}.", nameof(initial));
        }

        return WriteAsync(
            transaction =>
            {
                if (ReadAgent(transaction, agent.AgentId) is not null)
                {
                    throw new InvalidOperationException($"Agent '{agent.AgentId}' already exists; an instance needs a new agent id.");
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
                using (var insert = WriteCommand(transaction, """
                    INSERT INTO template_instances (agent_id, template_id, champion_version, source_agent_id, site, line, created_at, created_by)
                    VALUES (@agent_id, @template_id, @champion, @source, @site, @line, @at, @by);
                    """))
                {
                    insert.Add("@agent_id", instance.AgentId);
                    insert.Add("@template_id", instance.TemplateId);
                    insert.Add("@champion", instance.ChampionVersion);
                    insert.Add("@source", instance.SourceAgentId);
                    insert.Add("@site", instance.Site);
                    insert.Add("@line", instance.Line);
                    insert.Add("@at", DbTime.ToDb(instance.CreatedAt));
                    insert.Add("@by", instance.CreatedBy);
                    insert.ExecuteNonQuery();
                }

                AppendAudit(transaction, new AuditDraft(
                    instance.CreatedBy,
                    AuditRecordTypes.Agent,
                    agent.AgentId,
                    "instantiate",
                    null,
                    CanonicalJson.Serialize(new JsonObject
                    {
                        ["agentId"] = instance.AgentId,
                        ["templateId"] = instance.TemplateId,
                        ["championVersion"] = instance.ChampionVersion,
                        ["sourceAgentId"] = instance.SourceAgentId,
                        ["site"] = instance.Site,
                        ["line"] = instance.Line,
                    }),
                    null));
                _knownAgents.Add(agent.AgentId);
                return agent with { Stage = initial.To, StageSince = initial.At };
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateInstance>> GetTemplateInstancesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT agent_id, template_id, champion_version, source_agent_id, site, line, created_at, created_by
            FROM template_instances ORDER BY created_at, agent_id;
            """;
        var result = new List<TemplateInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TemplateInstance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), DbValues.GetTime(reader, 6), reader.GetString(7)));
        }

        return result;
    }
}
