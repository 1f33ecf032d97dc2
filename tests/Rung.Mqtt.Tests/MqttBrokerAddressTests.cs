namespace Rung.Mqtt.Tests;

public sealed class MqttBrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.plant:1884", "broker.plant", 1884, false)]
    [InlineData("mqtt://broker.plant", "broker.plant", 1883, false)]
    [InlineData("mqtts://broker.plant", "broker.plant", 8883, true)]
    [InlineData("mqtts://10.0.0.5:9000/", "10.0.0.5", 9000, true)]
    [InlineData("mqtt://[::1]:1883", "::1", 1883, false)]
    public void Parse_ValidUrl_GivesHostPortAndTls(string url, string host, int port, bool tls) =>
        Assert.Equal(new MqttBrokerAddress(host, port, tls), MqttBrokerAddress.Parse(url));

    [Theory]
    [InlineData("http://broker:1883", "scheme 'http'")]
    [InlineData("broker:1883", "scheme")]
    [InlineData("", "not an absolute URL")]
    [InlineData("mqtt://broker:0", "port 0")]
    [InlineData("mqtt://broker:1883/plant/topic", "only a scheme, a host and a port")]
    [InlineData("mqtt://user:pw@broker:1883", "only a scheme, a host and a port")]
    public void Parse_InvalidUrl_ThrowsFormatExceptionSayingWhy(string url, string reason)
    {
        var error = Assert.Throws<FormatException>(() => MqttBrokerAddress.Parse(url));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromUrl_Mqtts_TurnsTlsOn()
    {
        var options = MqttClientOptions.FromUrl("mqtts://broker:8883", "line-4");
        Assert.NotNull(options.Tls);
        Assert.Equal(("broker", 8883, "line-4"), (options.Host, options.Port, options.ClientId));
    }

    [Fact]
    public void Validate_PersistentSessionWithoutClientId_NamesTheSetting()
    {
        var options = new MqttClientOptions { Host = "h", CleanSession = false };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("ClientId", error.Message, StringComparison.Ordinal);
    }
}
