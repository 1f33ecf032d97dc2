using Rung.Storage.Leases;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class DataStoreContract
{
    [Fact]
    public async Task A_lease_has_one_holder_until_it_lapses_or_is_released()
    {
        var other = await OpenAnotherAsync();
        var duration = TimeSpan.FromMinutes(2);

        Assert.True(await Store.TryAcquireLeaseAsync("alarms.escalation", "server-a", duration));
        Assert.False(await other.TryAcquireLeaseAsync("alarms.escalation", "server-b", duration));
        Assert.True(await other.TryAcquireLeaseAsync("gates.evaluation", "server-b", duration));
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Store.TryAcquireLeaseAsync("alarms.escalation", "server-a", duration));
        Assert.Equal(new LeaseRecord("alarms.escalation", "server-a", T0.AddMinutes(3)), await other.GetLeaseAsync("alarms.escalation"));

        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await other.TryAcquireLeaseAsync("alarms.escalation", "server-b", duration));
        Assert.False(await Store.TryAcquireLeaseAsync("alarms.escalation", "server-a", duration));

        Assert.False(await Store.ReleaseLeaseAsync("alarms.escalation", "server-a"));
        Assert.True(await other.ReleaseLeaseAsync("alarms.escalation", "server-b"));
        Assert.Null(await Store.GetLeaseAsync("alarms.escalation"));
        Assert.True(await Store.TryAcquireLeaseAsync("alarms.escalation", "server-a", duration));
    }

    [Fact]
    public async Task Instances_racing_for_a_job_run_it_once_per_round()
    {
        var instances = new List<BackgroundLease> { new(Store, "server-a", TimeSpan.FromSeconds(30)) };
        for (var i = 1; i < 4; i++)
        {
            instances.Add(new BackgroundLease(await OpenAnotherAsync(), $"server-{(char)('a' + i)}", TimeSpan.FromSeconds(30)));
        }

        var winners = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(instances.Select(l => Task.Run(() => l.TryRunAsync("summaries.daily"))));
            winners.Add(Assert.Single(instances.Where((_, i) => results[i])).Holder);
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        // The holder renews its lease on each run, so the same instance keeps the job.
        Assert.Single(winners.Distinct());
    }
}
