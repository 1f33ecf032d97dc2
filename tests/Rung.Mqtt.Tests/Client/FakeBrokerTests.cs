using Rung.Mqtt.Packets;
using Rung.Mqtt.Tests.Infrastructure;

namespace Rung.Mqtt.Tests.Client;

/// <summary>A broker that misbehaves on purpose: the client must name the fault, drop the connection and reconnect.</summary>
public sealed class FakeBrokerTests : IDisposable
{
    private readonly FakeBroker _broker = new();

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task ConnectAsync_BrokerNeverSendsConnAck_FailsWithClearTimeout()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port) with { ConnectTimeout = TimeSpan.FromMilliseconds(300) });
        var connecting = client.ConnectAsync();
        using var silent = await _broker.AcceptAsync();
        Assert.IsType<ConnectPacket>(await silent.ReadAsync());

        var error = await Assert.ThrowsAsync<MqttConnectException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("no CONNACK", error.Message, StringComparison.Ordinal);
        Assert.Equal(MqttConnectionState.Stopped, client.State);
    }

    [Fact]
    public async Task ConnectAsync_BrokerRefuses_ThrowsWithTheReturnCode()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port) with { UserName = "op", Password = "wrong" });
        var connecting = client.ConnectAsync();
        using var connection = await _broker.AcceptAsync();
        var connect = await connection.ReadAsync<ConnectPacket>();
        Assert.Equal("op", connect.UserName);
        Assert.Equal("wrong"u8.ToArray(), connect.Password!.Value.ToArray());
        await connection.SendAsync(new ConnAckPacket(false, MqttConnectReturnCode.BadUserNameOrPassword));

        var error = await Assert.ThrowsAsync<MqttConnectException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(MqttConnectReturnCode.BadUserNameOrPassword, error.ReturnCode);
    }

    public static TheoryData<string, byte[], string> BadBytes => new()
    {
        { "malformed", [0x36, 0x03, 0x00, 0x01, 0x61], "QoS bits are 3" },
        { "oversized", [0x30, 0x80, 0x80, 0x80, 0x01], "exceeds the maximum packet size" },
        { "wrong PUBACK id", [0x40, 0x02, 0x03, 0xE7], "PUBACK from broker: packet id 999 is not in flight" },
        { "wrong SUBACK id", [0x90, 0x03, 0x00, 0x2A, 0x00], "SUBACK from broker: packet id 42 has no request" },
        { "CONNACK twice", [0x20, 0x02, 0x00, 0x00], "unexpected CONNACK" },
        { "truncated then closed", [0x30, 0x10, 0x00, 0x05, 0x61], "closed the connection" },
    };

    [Theory]
    [MemberData(nameof(BadBytes))]
    public async Task BrokerSendsBadBytes_ClientReportsTheFaultAndReconnects(string scenario, byte[] bytes, string expected)
    {
        _ = scenario;
        await using var client = new MqttClient(Messages.Options(_broker.Port) with { MaximumPacketSize = 1024 });
        var states = new StateRecorder(client);
        var connecting = client.ConnectAsync();
        var (first, _) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        await first.SendAsync(bytes);
        if (scenario.StartsWith("truncated", StringComparison.Ordinal))
        {
            first.EndOutput();
        }

        var lost = await states.NextAsync(MqttConnectionState.Reconnecting);
        Assert.Contains(expected, lost.Error!.Message, StringComparison.Ordinal);
        await first.WaitClosedAsync();

        var (second, _) = await _broker.AcceptSessionAsync();
        await states.NextAsync(MqttConnectionState.Connected);
        Assert.Equal(MqttConnectionState.Connected, client.State);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task KeepAlive_BrokerNeverAnswersPing_ConnectionIsTakenAsDeadAndReopened()
    {
        var options = Messages.Options(_broker.Port) with { KeepAlive = TimeSpan.FromSeconds(1), PingTimeout = TimeSpan.FromMilliseconds(300) };
        await using var client = new MqttClient(options);
        var states = new StateRecorder(client);
        var connecting = client.ConnectAsync();
        var (first, connect) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, connect.KeepAliveSeconds);

        Assert.Equal(MqttPacketType.PingReq, (await first.ReadAsync()).Type);
        var lost = await states.NextAsync(MqttConnectionState.Reconnecting);
        Assert.IsType<TimeoutException>(lost.Error);
        Assert.Contains("no PINGRESP", lost.Error.Message, StringComparison.Ordinal);

        var (second, _) = await _broker.AcceptSessionAsync();
        Assert.Equal(MqttPacketType.PingReq, (await second.ReadAsync()).Type);
        await second.SendAsync(SignalPacket.PingResp);
        Assert.Equal(MqttPacketType.PingReq, (await second.ReadAsync()).Type);
        Assert.Equal(MqttConnectionState.Connected, client.State);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Qos1_ConnectionLostBeforePubAck_IsSentAgainWithDupAndSameIdAfterReconnect()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port, "dup-check") with { CleanSession = false });
        var connecting = client.ConnectAsync();
        var (first, _) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        await client.PublishAsync("plant/line4/count", "17"u8.ToArray(), MqttQualityOfService.AtLeastOnce);
        var original = await first.ReadAsync<PublishPacket>();
        Assert.False(original.Message.Duplicate);
        first.Dispose();

        var (second, _) = await _broker.AcceptSessionAsync(sessionPresent: true);
        var again = await second.ReadAsync<PublishPacket>();
        Assert.True(again.Message.Duplicate);
        Assert.Equal(original.PacketId, again.PacketId);
        Assert.Equal("17", again.Message.Text());
        Assert.False(client.FlushAsync().IsCompleted);

        await second.SendAsync(new AckPacket(MqttPacketType.PubAck, again.PacketId));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        second.Dispose();
    }

    [Fact]
    public async Task Qos2_AfterPubRecTheReconnectSendsPubRelNotThePublish()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port, "qos2-resume") with { CleanSession = false });
        var connecting = client.ConnectAsync();
        var (first, _) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        await client.PublishAsync("plant/line4/batch", "b-1"u8.ToArray(), MqttQualityOfService.ExactlyOnce);
        var publish = await first.ReadAsync<PublishPacket>();
        await first.SendAsync(new AckPacket(MqttPacketType.PubRec, publish.PacketId));
        Assert.Equal(new AckPacket(MqttPacketType.PubRel, publish.PacketId), await first.ReadAsync());
        first.Dispose();

        var (second, _) = await _broker.AcceptSessionAsync(sessionPresent: true);
        Assert.Equal(new AckPacket(MqttPacketType.PubRel, publish.PacketId), await second.ReadAsync());
        await second.SendAsync(new AckPacket(MqttPacketType.PubComp, publish.PacketId));
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        second.Dispose();
    }

    [Fact]
    public async Task Qos2Inbound_DuplicatePublishBeforePubRel_IsDeliveredExactlyOnce()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port));
        var connecting = client.ConnectAsync();
        var (broker, _) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        var message = new MqttMessage("plant/line4/recipe", "r-9"u8.ToArray(), MqttQualityOfService.ExactlyOnce);
        await broker.SendAsync(new PublishPacket(message, 5));
        Assert.Equal(new AckPacket(MqttPacketType.PubRec, 5), await broker.ReadAsync());
        await broker.SendAsync(new PublishPacket(message with { Duplicate = true }, 5));
        Assert.Equal(new AckPacket(MqttPacketType.PubRec, 5), await broker.ReadAsync());
        await broker.SendAsync(new AckPacket(MqttPacketType.PubRel, 5));
        Assert.Equal(new AckPacket(MqttPacketType.PubComp, 5), await broker.ReadAsync());

        // A later message with the same id is new again once PUBREL released it.
        await broker.SendAsync(new PublishPacket(message with { Payload = "r-10"u8.ToArray() }, 5));
        var delivered = await Messages.ReadAsync(client, 2);
        Assert.Equal(["r-9", "r-10"], delivered.Select(m => m.Text()));
        Assert.False(client.Messages.TryRead(out _));
        broker.Dispose();
    }

    [Fact]
    public async Task PublishAsync_QueueFull_WaitsAndCanBeCancelled()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port) with { OutgoingQueueCapacity = 2 });

        // Not connected: nothing drains the queue, so the third publish has to wait.
        await client.PublishAsync("a/b", new byte[1]);
        await client.PublishAsync("a/b", new byte[1]);
        using var cancel = new CancellationTokenSource();
        var third = client.PublishAsync("a/b", new byte[1], cancellationToken: cancel.Token).AsTask();
        Assert.False(third.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third.WaitAsync(TimeSpan.FromSeconds(10)));

        var connecting = client.ConnectAsync();
        var (broker, _) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<PublishPacket>(await broker.ReadAsync());
        Assert.IsType<PublishPacket>(await broker.ReadAsync());
        await client.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        broker.Dispose();
    }

    [Fact]
    public async Task SubscribeAsync_SubAckFailureCode_GivesNullForThatFilter()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port));
        var connecting = client.ConnectAsync();
        var (broker, _) = await _broker.AcceptSessionAsync();
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        var subscribing = client.SubscribeAsync([new MqttSubscription("a/#", MqttQualityOfService.ExactlyOnce), new MqttSubscription("$SYS/#")]);
        var request = await broker.ReadAsync<SubscribePacket>();
        Assert.Equal(["a/#", "$SYS/#"], request.Subscriptions.Select(s => s.Filter));
        await broker.SendAsync(new SubAckPacket(request.PacketId, [1, SubAckPacket.Failure]));
        Assert.Equal([MqttQualityOfService.AtLeastOnce, null], await subscribing.WaitAsync(TimeSpan.FromSeconds(10)));
        broker.Dispose();
    }
}
