using Rung.Mqtt.Topics;

namespace Rung.Mqtt.Tests.Topics;

public sealed class TopicFilterTests
{
    // The examples of MQTT 3.1.1 section 4.7 and mosquitto's mqtt(7) page.
    public static TheoryData<string, string, bool> SpecificationExamples => new()
    {
        { "sport/tennis/player1/#", "sport/tennis/player1", true },
        { "sport/tennis/player1/#", "sport/tennis/player1/ranking", true },
        { "sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true },
        { "sport/#", "sport", true },
        { "#", "sport/tennis", true },
        { "#", "/", true },
        { "sport/tennis/+", "sport/tennis/player1", true },
        { "sport/tennis/+", "sport/tennis/player2", true },
        { "sport/tennis/+", "sport/tennis/player1/ranking", false },
        { "sport/+", "sport", false },
        { "sport/+", "sport/", true },
        { "+/+", "/finance", true },
        { "/+", "/finance", true },
        { "+", "/finance", false },
        { "+", "finance", true },
        { "a/+/topic", "a//topic", true },
        { "+/a/topic", "/a/topic", true },
        { "/#", "/a/topic", true },
        { "#", "/a/topic", true },
        { "a/topic/+", "a/topic/", true },
        { "a/b/c/d", "a/b/c/d", true },
        { "+/b/c/d", "a/b/c/d", true },
        { "a/+/c/d", "a/b/c/d", true },
        { "a/+/+/d", "a/b/c/d", true },
        { "+/+/+/+", "a/b/c/d", true },
        { "a/#", "a/b/c/d", true },
        { "a/b/#", "a/b/c/d", true },
        { "a/b/c/#", "a/b/c/d", true },
        { "+/b/c/#", "a/b/c/d", true },
        { "a/b/c", "a/b/c/d", false },
        { "b/+/c/d", "a/b/c/d", false },
        { "+/+/+", "a/b/c/d", false },
        { "ACCOUNTS", "Accounts", false },
        { "#", "$SYS/broker/uptime", false },
        { "+/monitor/Clients", "$SYS/monitor/Clients", false },
        { "$SYS/#", "$SYS/monitor/Clients", true },
        { "$SYS/monitor/+", "$SYS/monitor/Clients", true },
        { "a/$b", "a/$b", true },
        { "+/$b", "a/$b", true },
    };

    [Theory]
    [MemberData(nameof(SpecificationExamples))]
    public void Matches_SpecificationExample_GivesTheSpecifiedAnswer(string filter, string topic, bool expected) =>
        Assert.Equal(expected, TopicFilter.Matches(filter, topic));

    [Theory]
    [InlineData("sport/tennis#")]
    [InlineData("sport/tennis/#/ranking")]
    [InlineData("sport+")]
    [InlineData("sport/+x/a")]
    [InlineData("##")]
    [InlineData("")]
    [InlineData("a\0b")]
    public void IsValidFilter_BadFilter_IsRefusedWithAReason(string filter)
    {
        Assert.False(TopicFilter.IsValidFilter(filter, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("+/tennis/#")]
    [InlineData("sport/+/player1")]
    public void IsValidFilter_GoodFilter_IsAccepted(string filter) => Assert.True(TopicFilter.IsValidFilter(filter, out _));

    [Theory]
    [InlineData("a/+")]
    [InlineData("a/#")]
    [InlineData("")]
    [InlineData("a\0")]
    public void ValidateTopicName_WildcardOrEmptyOrNull_ThrowsNamingTheProblem(string topic)
    {
        var error = Assert.Throws<ArgumentException>(() => TopicFilter.ValidateTopicName(topic));
        Assert.Contains(topic.Length == 0 ? "at least one character" : topic.Contains('\0') ? "U+0000" : "wildcard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTopicName_LongerThan65535Bytes_Throws()
    {
        Assert.True(TopicFilter.IsValidTopicName(new string('a', 65_535), out _));
        Assert.False(TopicFilter.IsValidTopicName(new string('a', 65_536), out var error));
        Assert.Contains("65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_InvalidFilter_Throws() => Assert.Throws<ArgumentException>(() => TopicFilter.Matches("a/#/b", "a/x/b"));
}
