using Rung.Core.Ladder;
using Rung.Gates.Portfolio;
using Rung.Storage.Journal;
using Rung.Storage.Replication;

namespace Rung.Gates.Tests.Replication;

public sealed class ReplicationPortfolioTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_CountsReuseAndTimeToProductionFromEachInstancesCreation()
    {
        var agents = new[]
        {
            Agent("line3-quality", "acme/dortmund/machining/line3", Production: 90, created: 0),
            Agent("line5-quality", "acme/koeln/machining/line5", Production: 130, created: 100),
            Agent("line7-quality", "acme/linz/machining/line7", Production: null, created: 110),
            Agent("press-quality", "acme/dortmund/pressing/line1", Production: 60, created: 0),
        };
        var instances = new[]
        {
            Instance("line5-quality", "koeln", 100),
            Instance("line7-quality", "linz", 110),
        };

        var kpis = ReplicationPortfolio.Compute(agents, instances);

        Assert.Equal(4, kpis.Agents);
        Assert.Equal(2, kpis.FromTemplate);
        Assert.Equal(0.5, kpis.ReuseShare);
        var reuse = Assert.Single(kpis.Templates);
        Assert.Equal("line3-surface-quality", reuse.TemplateId);
        Assert.Equal(2, reuse.Instances);
        Assert.Equal(1, reuse.InProduction);
        Assert.Equal(30, reuse.MedianDaysToProduction);
        Assert.Equal(["dortmund", "koeln", "linz"], reuse.Sites);
        Assert.Equal(30, kpis.MedianDaysToProductionFromTemplate);
        Assert.Equal(75, kpis.MedianDaysToProductionFromScratch);
    }

    [Fact]
    public void WithTemplates_FillsTheTemplateSoThePortfolioCountsReuse()
    {
        var agents = new[] { Agent("line3-quality", "acme/dortmund/machining/line3", null, 0), Agent("line5-quality", "acme/koeln/machining/line5", null, 100) };

        var filled = ReplicationPortfolio.WithTemplates(agents, [Instance("line5-quality", "koeln", 100)]);
        var kpis = PortfolioCalculator.Compute(filled, T0.AddDays(200));

        Assert.Null(filled[0].Template);
        Assert.Equal(1, kpis.TemplateReuse["line3-surface-quality"]);
    }

    [Fact]
    public void Compute_NoAgents_IsEmpty()
    {
        var kpis = ReplicationPortfolio.Compute([], []);

        Assert.Equal(0, kpis.ReuseShare);
        Assert.Empty(kpis.Templates);
        Assert.Null(kpis.MedianDaysToProductionFromTemplate);
    }

    private static PortfolioAgent Agent(string id, string scope, int? Production, int created)
    {
        var history = new List<StageChange> { new(id, Stage.Shadow, Stage.Shadow, StageChangeKind.Initial, T0.AddDays(created), "system", "created", new Dictionary<string, string>()) };
        if (Production is { } day)
        {
            history.Add(new(id, Stage.AutoWithExceptions, Stage.ProductionOwned, StageChangeKind.Promotion, T0.AddDays(day), "owner", "gate passed", new Dictionary<string, string>()));
        }

        return new PortfolioAgent(new AgentRecord(id, "uc", scope, history[^1].To, history[^1].At, "{}"), history, [], new Dictionary<string, int>(), null);
    }

    private static TemplateInstance Instance(string agentId, string site, int created) =>
        new(agentId, "line3-surface-quality", "pilot-1.0", "line3-quality", site, agentId[..5], T0.AddDays(created), "ml.engineer");
}
