using Rung.Mqtt.Topics;

namespace Rung.Runtime.Plant;

/// <summary>
/// Where Rung publishes into the namespace, under the agent's own scope so the plant's dashboards find it next to the
/// line: <c>&lt;scope&gt;/rung/&lt;agent&gt;/state</c> (retained), <c>/proposals</c>, <c>/alarms</c> and
/// <c>/commands/&lt;action&gt;</c>.
/// </summary>
public static class PlantTopics
{
    /// <summary>The agent's root topic, <c>&lt;scope&gt;/rung/&lt;agent&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The scope or agent id would not make a valid topic name.</exception>
    public static string Root(string scope, string agentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        var root = $"{scope}/rung/{agentId}";
        TopicFilter.ValidateTopicName(root);
        return root;
    }

    /// <summary>The retained state message: stage and SLO status.</summary>
    public static string State(string scope, string agentId) => Root(scope, agentId) + "/state";

    /// <summary>Every decided case's proposal and disposition.</summary>
    public static string Proposals(string scope, string agentId) => Root(scope, agentId) + "/proposals";

    /// <summary>Alarm events (raised, paged, acknowledged, resolved).</summary>
    public static string Alarms(string scope, string agentId) => Root(scope, agentId) + "/alarms";

    /// <summary>The command topic of one action: committed actions are published there.</summary>
    public static string Command(string scope, string agentId, string action) => Root(scope, agentId) + "/commands/" + action;

    /// <summary>A filter for every command topic of the agent.</summary>
    public static string AllCommands(string scope, string agentId) => Root(scope, agentId) + "/commands/#";
}
