using Rung.Governance.Conduits;

namespace Rung.Hardening.Tests.Conduits;

public sealed class ConduitPolicyTests
{
    private static readonly ConduitPolicy Policy = new(
    [
        new Conduit("line3-edge", "site-dmz", "mqtts", "broker.site:8883"),
        new Conduit("site-dmz", "enterprise", "https", "*"),
    ]);

    [Fact]
    public void Check_DeclaredFlow_Allowed()
    {
        var check = Policy.Check("line3-edge", "site-dmz", "MQTTS", "broker.site:8883");

        Assert.True(check.Allowed, check.Reason);
        Assert.Equal("line3-edge", check.Conduit!.FromZone);
    }

    [Theory]
    [InlineData("line3-edge", "site-dmz", "mqtt", "broker.site:1883")] // plain MQTT where only TLS is declared
    [InlineData("site-dmz", "line3-edge", "mqtts", "broker.site:8883")] // the reverse direction
    [InlineData("enterprise", "line3-edge", "https", "edge:443")] // inbound from the enterprise to the control zone
    [InlineData("line3-edge", "site-dmz", "mqtts", "other:8883")] // another endpoint
    public void Check_UndeclaredFlow_RefusedNamingZonesAndEndpoint(string from, string to, string protocol, string endpoint)
    {
        var check = Policy.Check(from, to, protocol, endpoint);

        Assert.False(check.Allowed);
        Assert.Contains($"'{from}'", check.Reason, StringComparison.Ordinal);
        Assert.Contains(endpoint, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NothingDeclared_EverythingRefused() =>
        Assert.False(new ConduitPolicy([]).Check("a", "b", "https", "*").Allowed);

    [Fact]
    public void Create_EmptyZone_Refused() =>
        Assert.Throws<ArgumentException>(() => new ConduitPolicy([new Conduit("", "b", "https", "*")]));
}
