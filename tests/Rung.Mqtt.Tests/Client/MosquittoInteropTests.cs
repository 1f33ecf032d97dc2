using System.Text;
using Rung.Mqtt.Tests.Infrastructure;

namespace Rung.Mqtt.Tests.Client;

public sealed class MosquittoInteropTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task PublishAsync_ToMosquittoSub_DeliversEveryMessageInOrder(int qos)
    {
        var topic = Messages.UniqueTopic("to-sub");
        using var subscriber = await MosquittoClients.SubscribeAsync(_broker.Port, topic, qos, count: 50);
        await using var client = new MqttClient(Messages.Options(_broker.Port));
        await client.ConnectAsync();
        for (var i = 0; i < 50; i++)
        {
            await client.PublishAsync(topic, Encoding.UTF8.GetBytes($"m{i}"), (MqttQualityOfService)qos);
        }

        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var lines = await subscriber.Messages.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{topic} m{i}"), lines);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task SubscribeAsync_FromMosquittoPub_ReceivesEveryMessageAtTheGrantedQos(int qos)
    {
        var topic = Messages.UniqueTopic("from-pub");
        await using var client = new MqttClient(Messages.Options(_broker.Port));
        await client.ConnectAsync();
        var granted = await client.SubscribeAsync(topic.Split('/')[0] + "/+/" + topic.Split('/')[2], (MqttQualityOfService)qos);
        Assert.Equal((MqttQualityOfService)qos, granted);

        await MosquittoClients.PublishLinesAsync(_broker.Port, topic, qos, Enumerable.Range(0, 50).Select(i => $"p{i}"));
        var received = await Messages.ReadAsync(client, 50);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"p{i}"), received.Select(m => m.Text()));
        Assert.All(received, m => Assert.Equal(((MqttQualityOfService)qos, topic, false), (m.QualityOfService, m.Topic, m.Retain)));
    }

    [Fact]
    public async Task Retained_PublishedBeforeSubscribe_ArrivesWithRetainFlag_AndEmptyPayloadClearsIt()
    {
        var topic = Messages.UniqueTopic("retained");
        await using var publisher = new MqttClient(Messages.Options(_broker.Port));
        await publisher.ConnectAsync();
        await publisher.PublishAsync(topic, "state=running"u8.ToArray(), MqttQualityOfService.AtLeastOnce, retain: true);
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await using (var late = new MqttClient(Messages.Options(_broker.Port)))
        {
            await late.ConnectAsync();
            await late.SubscribeAsync(topic);
            var retained = (await Messages.ReadAsync(late, 1))[0];
            Assert.True(retained.Retain);
            Assert.Equal("state=running", retained.Text());
        }

        await publisher.PublishAsync(topic, ReadOnlyMemory<byte>.Empty, MqttQualityOfService.AtLeastOnce, retain: true);
        await publisher.PublishAsync(topic + "/marker", "after"u8.ToArray(), MqttQualityOfService.AtLeastOnce);
        await publisher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var check = await MosquittoClients.SubscribeAsync(_broker.Port, topic + "/#", 1, count: 1);
        await MosquittoClients.PublishLinesAsync(_broker.Port, topic + "/marker", 1, ["live"]);

        // With the retained message cleared, the first thing a new subscriber sees is the live one.
        Assert.Equal([$"{topic}/marker live"], await check.Messages.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task LastWill_ConnectionKilledWithoutDisconnect_IsPublished_ButNotAfterCleanDisconnect()
    {
        var topic = Messages.UniqueTopic("will");
        using var observer = await MosquittoClients.SubscribeAsync(_broker.Port, topic, 1, count: 1);
        await using var proxy = new TcpProxy(_broker.Port);

        // A clean DISCONNECT discards the will.
        var options = Messages.Options(proxy.Port) with { Will = new MqttLastWill(topic, "clean"u8.ToArray()) };
        await using (var polite = new MqttClient(options))
        {
            await polite.ConnectAsync();
            await polite.DisconnectAsync();
        }

        await using var victim = new MqttClient(options with { ClientId = "victim-" + Guid.NewGuid().ToString("N")[..8], Will = new MqttLastWill(topic, "line-4 lost"u8.ToArray()) });
        await victim.ConnectAsync();
        await proxy.CutAsync();

        Assert.Equal([$"{topic} line-4 lost"], await observer.Messages.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Reconnect_AfterTheConnectionIsCut_ResubscribesAndKeepsReceiving()
    {
        var topic = Messages.UniqueTopic("reconnect");
        await using var proxy = new TcpProxy(_broker.Port);
        await using var client = new MqttClient(Messages.Options(proxy.Port));
        var states = new StateRecorder(client);
        await client.ConnectAsync();
        await client.SubscribeAsync(topic);

        await proxy.CutAsync();
        var lost = await states.NextAsync(MqttConnectionState.Reconnecting);
        Assert.NotNull(lost.Error);
        var back = await states.NextAsync(MqttConnectionState.Connected);
        Assert.False(back.SessionPresent);

        // The resubscription is asynchronous after CONNACK; a retained message proves it took effect.
        await MosquittoClients.PublishLinesAsync(_broker.Port, topic, 1, ["after-cut"], retain: true);
        var received = await Messages.ReadAsync(client, 1);
        Assert.Equal("after-cut", received[0].Text());
        Assert.Equal(2, proxy.Accepted);
    }

    [Fact]
    public async Task PersistentSession_BrokerRestartedMidStream_LosesNoQos1Message()
    {
        const int count = 3000;
        var topic = Messages.UniqueTopic("restart");
        var subscriberOptions = Messages.Options(_broker.Port, "rung-sub-restart") with { CleanSession = false, KeepAlive = TimeSpan.FromSeconds(5) };
        await using var subscriber = new MqttClient(subscriberOptions);
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);

        await using var publisher = new MqttClient(Messages.Options(_broker.Port, "rung-pub-restart") with { CleanSession = false, MaximumInflight = 20 });
        var publisherStates = new StateRecorder(publisher);
        await publisher.ConnectAsync();
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), MqttQualityOfService.AtLeastOnce);
            }
        });

        var seen = new HashSet<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (seen.Count < count / 3)
        {
            seen.Add(int.Parse((await subscriber.Messages.ReadAsync(timeout.Token)).Text(), System.Globalization.CultureInfo.InvariantCulture));
        }

        await _broker.StopAsync();
        await publisherStates.NextAsync(MqttConnectionState.Reconnecting);
        await _broker.StartAsync();
        var resumed = await publisherStates.NextAsync(MqttConnectionState.Connected);
        Assert.True(resumed.SessionPresent, "the broker should have kept the persistent session across its restart");

        while (seen.Count < count)
        {
            seen.Add(int.Parse((await subscriber.Messages.ReadAsync(timeout.Token)).Text(), System.Globalization.CultureInfo.InvariantCulture));
        }

        await publishing.WaitAsync(timeout.Token);
        await publisher.FlushAsync(timeout.Token);
        Assert.Equal(count, seen.Count);
    }
}
