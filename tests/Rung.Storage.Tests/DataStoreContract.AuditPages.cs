using Rung.Storage.Audit;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

// The audit page reads one page by a keyset on the sequence, and a person's time range through (actor, at): same answers as the whole read.
public abstract partial class DataStoreContract
{
    [Fact]
    public async Task Audit_pages_read_newest_first_by_a_sequence_keyset_with_the_filter_kept()
    {
        for (var i = 1; i <= 10; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await Store.AppendAuditAsync(Draft("u" + i, actor: i % 2 == 0 ? "ben" : "anna"));
        }

        static long[] Seqs(IReadOnlyList<AuditEntry> page) => [.. page.Select(e => e.Sequence)];
        var p1 = await Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Limit: 4));
        Assert.Equal([10L, 9, 8, 7], Seqs(p1));
        var p2 = await Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Before: 7, Limit: 4));
        Assert.Equal([6L, 5, 4, 3], Seqs(p2));
        var p3 = await Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Before: 3, Limit: 4));
        Assert.Equal([2L, 1], Seqs(p3));
        var p4 = await Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(After: 2, Limit: 4));
        Assert.Equal([6L, 5, 4, 3], Seqs(p4));
        var p5 = await Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(After: 8, Limit: 4));
        Assert.Equal([10L, 9], Seqs(p5));

        var ben = new AuditQuery(Actor: "ben");
        var p6 = await Store.GetAuditPageAsync(ben, new AuditPageRequest(Limit: 2));
        Assert.Equal([10L, 8], Seqs(p6));
        var p7 = await Store.GetAuditPageAsync(ben, new AuditPageRequest(Before: 8, Limit: 2));
        Assert.Equal([6L, 4], Seqs(p7));
        var p8 = await Store.GetAuditPageAsync(ben, new AuditPageRequest(After: 4, Limit: 2));
        Assert.Equal([8L, 6], Seqs(p8));

        // A person in a time range goes through (actor, at); the order is still the sequence.
        var benLately = new AuditQuery(Actor: "ben", From: T0.AddMinutes(4), To: T0.AddMinutes(10));
        var p9 = await Store.GetAuditEntriesAsync(benLately);
        Assert.Equal([4L, 6, 8], Seqs(p9));
        var p10 = await Store.GetAuditPageAsync(benLately, new AuditPageRequest(Limit: 2));
        Assert.Equal([8L, 6], Seqs(p10));
        var p11 = await Store.GetAuditEntriesAsync(new AuditQuery { FromSequence = 7 });
        Assert.Equal([7L, 8, 9, 10], Seqs(p11));
    }

    [Fact]
    public async Task Audit_page_requests_that_name_both_cursors_or_a_bad_limit_are_refused()
    {
        var both = await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Before: 5, After: 2)));
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
        var limit = await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAuditPageAsync(AuditQuery.All, new AuditPageRequest(Limit: 0)));
        Assert.Contains("the limit was 0", limit.Message, StringComparison.Ordinal);
    }
}
