using System.Data.Common;
using Rung.Core.Exceptions;

namespace Rung.Storage.Sqlite;

/// <summary>Reads exception_items rows.</summary>
internal static class ExceptionRows
{
    public const string Columns = "case_id, agent_id, reason, created_at, due_at, assigned_to, resolved_at, resolution";

    public static ExceptionItem Read(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        DbValues.GetTime(r, 3),
        DbValues.GetTime(r, 4),
        DbValues.GetNullableString(r, 5),
        DbValues.GetNullableTime(r, 6),
        DbValues.GetNullableString(r, 7));
}
