using System.Data.Common;
using Rung.Core.Ladder;
using Rung.Storage.Journal;

namespace Rung.Storage.Sqlite;

/// <summary>Per-period accumulators filled from grouped query rows whose column 0 is the period index.</summary>
internal sealed class PeriodTotals(int periods)
{
    private readonly int[] _cases = new int[periods];
    private readonly int[] _committed = new int[periods];
    private readonly int[] _pending = new int[periods];
    private readonly int[] _excepted = new int[periods];
    private readonly int[] _blocked = new int[periods];
    private readonly int[] _labelled = new int[periods];
    private readonly int[] _correct = new int[periods];
    private readonly int[] _highSeverity = new int[periods];
    private readonly int[] _approvals = new int[periods];
    private readonly int[] _approved = new int[periods];
    private readonly int[] _resolved = new int[periods];
    private readonly long[] _ageSum = new long[periods];
    private readonly long[] _ageMax = new long[periods];
    private readonly int[] _breaches = new int[periods];

    public void AddDecisions(DbDataReader r)
    {
        var p = r.GetInt32(0);
        _cases[p] = r.GetInt32(1);
        _committed[p] = r.GetInt32(2);
        _pending[p] = r.GetInt32(3);
        _excepted[p] = r.GetInt32(4);
        _blocked[p] = r.GetInt32(5);
    }

    public void AddJudgements(DbDataReader r)
    {
        var p = r.GetInt32(0);
        _labelled[p] = r.GetInt32(1);
        _correct[p] = r.GetInt32(2);
        _highSeverity[p] = r.GetInt32(3);
    }

    public void AddApprovals(DbDataReader r)
    {
        var p = r.GetInt32(0);
        _approvals[p] = r.GetInt32(1);
        _approved[p] = r.GetInt32(2);
    }

    public void AddResolutions(DbDataReader r)
    {
        var p = r.GetInt32(0);
        _resolved[p] = r.GetInt32(1);
        _ageSum[p] = r.GetInt64(2);
        _ageMax[p] = r.GetInt64(3);
        _breaches[p] += r.GetInt32(4);
    }

    public void AddOpenPastDue(DbDataReader r) => _breaches[r.GetInt32(0)] += r.GetInt32(1);

    public PeriodStats ToStats(int p, DateTimeOffset start, Stage stageAtEnd) => new(
        start,
        _cases[p],
        _committed[p],
        _pending[p],
        _excepted[p],
        _blocked[p],
        _labelled[p],
        _correct[p],
        _highSeverity[p],
        _approvals[p],
        _approved[p],
        _resolved[p],
        _resolved[p] == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(_ageSum[p] / _resolved[p]),
        TimeSpan.FromTicks(_ageMax[p]),
        _breaches[p],
        stageAtEnd);
}
