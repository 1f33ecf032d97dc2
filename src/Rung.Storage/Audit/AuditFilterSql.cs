using Rung.Storage.Sqlite;

namespace Rung.Storage.Audit;

/// <summary>The WHERE and ORDER BY of an audit read, shared by both stores (they differ only in the parameter mark).</summary>
internal static class AuditFilterSql
{
    /// <summary>The conditions of <paramref name="query"/> and <paramref name="extra"/>, joined into a WHERE clause (empty when none).</summary>
    public static string Where(AuditQuery query, char mark, Action<string, object> add, params string[] extra)
    {
        var where = new List<string>();
        void Condition(string sql, string name, object value)
        {
            where.Add(sql.Replace("?", mark + name, StringComparison.Ordinal));
            add(mark + name, value);
        }

        if (query.RecordType is not null)
        {
            Condition("record_type = ?", "record_type", query.RecordType);
        }

        if (query.RecordId is not null)
        {
            Condition("record_id = ?", "record_id", query.RecordId);
        }

        if (query.Actor is not null)
        {
            Condition("actor = ?", "actor", query.Actor);
        }

        if (query.From is { } from)
        {
            Condition("at >= ?", "from", DbTime.ToDb(from));
        }

        if (query.To is { } to)
        {
            Condition("at < ?", "to", DbTime.ToDb(to));
        }

        if (query.FromSequence is { } fromSequence)
        {
            Condition("seq >= ?", "from_seq", fromSequence);
        }

        where.AddRange(extra);
        return where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
    }

    /// <summary>
    /// The sequence order, ascending or descending. A person's entries in a time range are ordered by the expression
    /// <c>seq + 0</c>: an index cannot give that order, so the planner picks the index that bounds the read, (actor, at),
    /// instead of (actor, seq), which gives the order but walks every entry the person ever made.
    /// </summary>
    public static string OrderBy(AuditQuery query, bool descending)
    {
        var seq = query.ByActorInTime ? "seq + 0" : "seq";
        return descending ? $"ORDER BY {seq} DESC, id DESC" : $"ORDER BY {seq}, id";
    }

    /// <summary>The keyset condition and order of a page; the rows come back in that order (newest first unless reading newer).</summary>
    public static (string[] Conditions, string Order, bool Ascending) Page(AuditQuery query, AuditPageRequest page, char mark, Action<string, object> add)
    {
        if (page.After is { } after)
        {
            add(mark + "after", after);
            return ([$"seq > {mark}after"], OrderBy(query, descending: false), true);
        }

        if (page.Before is { } before)
        {
            add(mark + "before", before);
            return ([$"seq < {mark}before"], OrderBy(query, descending: true), false);
        }

        return ([], OrderBy(query, descending: true), false);
    }
}
