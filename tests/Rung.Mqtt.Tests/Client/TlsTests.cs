using Rung.Mqtt.Tests.Infrastructure;

namespace Rung.Mqtt.Tests.Client;

public sealed class TlsTests : IAsyncLifetime
{
    private string _certificates = "";
    private MosquittoBroker _broker = null!;
    private string _caFile = "";

    public async Task InitializeAsync()
    {
        _certificates = Directory.CreateTempSubdirectory("rung-tls-").FullName;
        var (ca, cert, key) = TestCertificates.Write(_certificates, "broker");
        _caFile = ca;
        _broker = await MosquittoBroker.StartAsync($"cafile {ca}\ncertfile {cert}\nkeyfile {key}\n");
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }

    [Fact]
    public async Task Mqtts_BrokerSignedByTheConfiguredCa_CarriesMessages()
    {
        var topic = Messages.UniqueTopic("tls");
        var options = Messages.Options(_broker.Port) with { Tls = new MqttTlsOptions { CaFile = _caFile, TargetHost = "localhost" } };
        await using var client = new MqttClient(options);
        await client.ConnectAsync();
        await client.SubscribeAsync(topic, MqttQualityOfService.ExactlyOnce);
        await client.PublishAsync(topic, "over tls"u8.ToArray(), MqttQualityOfService.ExactlyOnce);

        var received = await Messages.ReadAsync(client, 1);
        Assert.Equal("over tls", received[0].Text());
    }

    [Fact]
    public async Task Mqtts_BrokerSignedByAnotherCa_IsRefused()
    {
        var (otherCa, _, _) = TestCertificates.Write(_certificates, "other");
        var options = Messages.Options(_broker.Port) with { Tls = new MqttTlsOptions { CaFile = otherCa, TargetHost = "localhost" } };
        await using var client = new MqttClient(options);

        var error = await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync());
        Assert.Contains("could not connect", error.Message, StringComparison.Ordinal);
        Assert.Equal(MqttConnectionState.Stopped, client.State);
    }

    [Fact]
    public async Task Mqtt_PlainTcpToATlsListener_FailsWithoutHanging()
    {
        await using var client = new MqttClient(Messages.Options(_broker.Port) with { ConnectTimeout = TimeSpan.FromSeconds(2) });
        await Assert.ThrowsAsync<MqttConnectException>(() => client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
