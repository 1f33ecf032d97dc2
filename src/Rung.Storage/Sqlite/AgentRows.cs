using System.Data.Common;
using Rung.Core.Ladder;
using Rung.Storage.Journal;

namespace Rung.Storage.Sqlite;

/// <summary>Reads agents and stage_changes rows.</summary>
internal static class AgentRows
{
    public const string AgentColumns = "agent_id, use_case_id, scope, stage, stage_since, definition_json";

    public const string StageChangeColumns = "agent_id, from_stage, to_stage, kind, at, actor, reason, evidence_json";

    public static AgentRecord ReadAgent(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        (Stage)r.GetInt32(3),
        DbValues.GetTime(r, 4),
        r.GetString(5));

    public static StageChange ReadStageChange(DbDataReader r) => new(
        r.GetString(0),
        (Stage)r.GetInt32(1),
        (Stage)r.GetInt32(2),
        (StageChangeKind)r.GetInt32(3),
        DbValues.GetTime(r, 4),
        r.GetString(5),
        r.GetString(6),
        JournalJsonReader.Texts(r.GetString(7)));
}
