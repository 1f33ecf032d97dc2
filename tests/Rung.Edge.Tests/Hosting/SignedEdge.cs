using Rung.Core.Ladder;
using Rung.Edge.Alarms;
using Rung.Edge.Hosting;
using Rung.Edge.Tests.Models;
using Rung.Edge.Tests.Processes;
using Rung.Registry.Signing;
using Rung.Testing;

namespace Rung.Edge.Tests.Hosting;

/// <summary>
/// An edge agent at AutoWithExceptions deciding with signed v1, and its live feed over a <see cref="LiveServer"/>. The
/// watchdog budget is generous: it runs on real time and a model process takes a while to start.
/// </summary>
internal sealed class SignedEdge : IAsyncDisposable
{
    private SigningKey _key = null!;
    private EdgeSignedModels _signed = null!;

    public EdgeAgent Agent { get; private set; } = null!;

    public EdgeLiveFeed Live { get; private set; } = null!;

    public SignedModelKit Kit { get; private set; } = null!;

    public LiveServer Server { get; private set; } = null!;

    public string Data { get; private set; } = "";

    public List<string> Lines { get; } = [];

    public static async Task<SignedEdge> StartAsync(EdgeFixture f, TempDirectory dir)
    {
        var edge = new SignedEdge { Data = dir.File("edge") };
        Directory.CreateDirectory(edge.Data);
        edge._key = SigningKey.LoadOrCreate(dir.File("server-keys"));
        edge.Kit = new SignedModelKit(dir.File("server-models"), edge._key);
        await edge.Kit.PublishAsync("v1", EdgeProcessFixture.ModelScript);
        edge.Server = new LiveServer(f.Link, edge.Kit) { Configs = { EdgeLiveFeedTests.Config(Stage.AutoWithExceptions, 1) } };
        edge._signed = await EdgeSignedModels.PrepareAsync(edge.Data, edge.Server, null, [SignedModelKit.AgentId], new EdgeAlarms(f.Edge, f.Clock), 5, f.Clock, edge.Lines.Add);
        edge.Agent = await f.StartAsync(Stage.AutoWithExceptions, await edge._signed.OpenAsync(SignedModelKit.AgentId), options: new EdgeOptions { ModelBudget = TimeSpan.FromSeconds(30) });
        edge.Live = new EdgeLiveFeed(edge.Server, edge.Server, edge._signed, f.Edge, edge.Data, [edge.Agent], "line3-edge", f.Clock, edge.Lines.Add);
        return edge;
    }

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        _signed.Dispose();
        _key.Dispose();
    }
}
