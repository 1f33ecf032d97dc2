using Rung.Mqtt.Packets;
using Rung.Mqtt.Tests.Infrastructure;
using Rung.Testing;

namespace Rung.Mqtt.Tests.Client;

/// <summary>A message past its expiry is withdrawn: never sent from the queue, never sent again after a reconnect.</summary>
public sealed class MessageExpiryTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task AnExpiredMessage_IsNotSent_AndTheFreshOneBehindItIs()
    {
        var topic = Messages.UniqueTopic("expired-queue");
        var clock = new ManualTimeProvider();
        await using var subscriber = new MqttClient(Messages.Options(_broker.Port));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        await using var client = new MqttClient(Messages.Options(_broker.Port) with { KeepAlive = TimeSpan.Zero }, clock);
        await client.ConnectAsync();

        var stale = new MqttMessage(topic, "stale"u8.ToArray(), MqttQualityOfService.AtLeastOnce) { ExpiresAt = clock.GetUtcNow() };
        var fresh = new MqttMessage(topic, "fresh"u8.ToArray(), MqttQualityOfService.AtLeastOnce) { ExpiresAt = clock.GetUtcNow() + TimeSpan.FromSeconds(2) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.False(await client.PublishConfirmedAsync(stale, timeout.Token));
        Assert.True(await client.PublishConfirmedAsync(fresh, timeout.Token));

        // The broker keeps the order of one publisher: had the stale message been sent, it would arrive first.
        Assert.Equal("fresh", (await Messages.ReadAsync(subscriber, 1)).Single().Text());
        Assert.Equal(1, client.ExpiredMessages);
        await client.FlushAsync(timeout.Token);
    }

    [Fact]
    public async Task AMessageQueuedWhileTheBrokerIsAway_ThatExpiresBeforeTheReconnect_IsDropped()
    {
        var topic = Messages.UniqueTopic("expired-outage");
        var clock = new ManualTimeProvider();
        await using var subscriber = new MqttClient(Messages.Options(_broker.Port));
        await subscriber.ConnectAsync();
        await subscriber.SubscribeAsync(topic, MqttQualityOfService.AtLeastOnce);
        await using var proxy = new TcpProxy(_broker.Port);
        await using var client = new MqttClient(Messages.Options(proxy.Port) with { KeepAlive = TimeSpan.Zero, Reconnect = new MqttReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromMilliseconds(500) } }, clock);
        var states = new StateRecorder(client);
        await client.ConnectAsync();
        await states.NextAsync(MqttConnectionState.Connected);

        await proxy.CutAsync();
        await states.NextAsync(MqttConnectionState.Reconnecting);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var late = client.PublishConfirmedAsync(new MqttMessage(topic, "late"u8.ToArray(), MqttQualityOfService.AtLeastOnce) { ExpiresAt = clock.GetUtcNow() + TimeSpan.FromSeconds(2) }, timeout.Token);
        var lasting = client.PublishConfirmedAsync(new MqttMessage(topic, "lasting"u8.ToArray(), MqttQualityOfService.AtLeastOnce), timeout.Token);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.False(await late);
        Assert.True(await lasting);
        Assert.Equal("lasting", (await Messages.ReadAsync(subscriber, 1)).Single().Text());
        Assert.Equal(1, client.ExpiredMessages);
    }

    [Fact]
    public async Task AnUnacknowledgedMessagePastItsExpiry_IsNotSentAgainAfterTheReconnect_AndGivesBackItsSlot()
    {
        using var broker = new FakeBroker();
        var clock = new ManualTimeProvider();
        var options = Messages.Options(broker.Port, "expiry-dup") with { CleanSession = false, KeepAlive = TimeSpan.Zero, MaximumInflight = 1 };
        await using var client = new MqttClient(options, clock);
        var connecting = client.ConnectAsync();
        var (first, _) = await broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        var command = new MqttMessage("plant/line4/commands/scrap", "c1"u8.ToArray(), MqttQualityOfService.AtLeastOnce) { ExpiresAt = clock.GetUtcNow() + TimeSpan.FromSeconds(2) };
        var confirmed = client.PublishConfirmedAsync(command);
        var original = await first.ReadAsync<PublishPacket>();
        Assert.Equal("c1", original.Message.Text());

        // The broker dies before its PUBACK; by the reconnect the command's window has passed.
        clock.Advance(TimeSpan.FromSeconds(5));
        first.Dispose();
        var (second, _) = await broker.AcceptSessionAsync(sessionPresent: true);
        Assert.False(await confirmed.WaitAsync(TimeSpan.FromSeconds(10)));

        // With a window of one, this is sent only because the withdrawn message gave its slot back.
        await client.PublishAsync("plant/line4/count", "18"u8.ToArray(), MqttQualityOfService.AtLeastOnce);
        var next = await second.ReadAsync<PublishPacket>();
        Assert.Equal(("plant/line4/count", false), (next.Message.Topic, next.Message.Duplicate));
        await second.SendAsync(new AckPacket(MqttPacketType.PubAck, next.PacketId));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, client.ExpiredMessages);
        second.Dispose();
    }

    [Fact]
    public async Task AnUnacknowledgedMessageStillInsideItsExpiry_IsSentAgainWithDup()
    {
        using var broker = new FakeBroker();
        var clock = new ManualTimeProvider();
        await using var client = new MqttClient(Messages.Options(broker.Port, "expiry-keep") with { CleanSession = false, KeepAlive = TimeSpan.Zero }, clock);
        var connecting = client.ConnectAsync();
        var (first, _) = await broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        var confirmed = client.PublishConfirmedAsync(new MqttMessage("plant/line4/commands/scrap", "c2"u8.ToArray(), MqttQualityOfService.AtLeastOnce) { ExpiresAt = clock.GetUtcNow() + TimeSpan.FromSeconds(30) });
        var original = await first.ReadAsync<PublishPacket>();
        clock.Advance(TimeSpan.FromSeconds(5));
        first.Dispose();
        var (second, _) = await broker.AcceptSessionAsync(sessionPresent: true);
        var again = await second.ReadAsync<PublishPacket>();
        Assert.Equal((original.PacketId, true), (again.PacketId, again.Message.Duplicate));
        await second.SendAsync(new AckPacket(MqttPacketType.PubAck, again.PacketId));
        Assert.True(await confirmed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, client.ExpiredMessages);
        second.Dispose();
    }

    [Fact]
    public async Task PublishConfirmedAsync_AtQos0_IsRefusedWithAClearError()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.PublishConfirmedAsync(new MqttMessage("plant/line4/count", "1"u8.ToArray())));
        Assert.Contains("QoS 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("plant/line4/count", error.Message, StringComparison.Ordinal);
    }
}
