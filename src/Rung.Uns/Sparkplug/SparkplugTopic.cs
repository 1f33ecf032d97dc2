namespace Rung.Uns.Sparkplug;

/// <summary>
/// A parsed Sparkplug B topic: <c>spBv1.0/group/TYPE/edge[/device]</c>, or <c>spBv1.0/STATE/host</c> for
/// <see cref="SparkplugMessageType.State"/> (then <see cref="Group"/> and <see cref="EdgeNode"/> are empty and
/// <see cref="HostId"/> is set).
/// </summary>
/// <param name="Type">The message type.</param>
/// <param name="Group">The group id.</param>
/// <param name="EdgeNode">The edge node id.</param>
/// <param name="Device">The device id for device messages; null for node messages.</param>
/// <param name="HostId">The host application id of a STATE topic; null otherwise.</param>
public sealed record SparkplugTopic(SparkplugMessageType Type, string Group, string EdgeNode, string? Device = null, string? HostId = null)
{
    /// <summary>The namespace token every Sparkplug B topic starts with.</summary>
    public const string Namespace = "spBv1.0";

    private static readonly string[] Tokens = ["NBIRTH", "NDEATH", "DBIRTH", "DDEATH", "NDATA", "DDATA", "NCMD", "DCMD"];

    /// <summary>True when <paramref name="topic"/> is in the Sparkplug B namespace.</summary>
    public static bool IsSparkplug(string topic) =>
        topic is not null && topic.StartsWith(Namespace + "/", StringComparison.Ordinal);

    /// <summary>The NCMD topic of an edge node.</summary>
    public static string NodeCommandTopic(string group, string edgeNode) => $"{Namespace}/{group}/NCMD/{edgeNode}";

    /// <summary>The tag path of a metric, as data contracts name it: <c>spBv1.0/group/edge[/device]/metric name</c>.</summary>
    public static string MetricPath(string group, string edgeNode, string? device, string metric) =>
        device is null ? $"{Namespace}/{group}/{edgeNode}/{metric}" : $"{Namespace}/{group}/{edgeNode}/{device}/{metric}";

    /// <summary>Parses <paramref name="topic"/>; on failure returns false and says why in <paramref name="problem"/>.</summary>
    public static bool TryParse(string topic, out SparkplugTopic? parsed, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(topic);
        parsed = null;
        problem = Parse(topic, out parsed);
        return problem is null;
    }

    /// <inheritdoc />
    public override string ToString() => Type == SparkplugMessageType.State
        ? $"{Namespace}/STATE/{HostId}"
        : Device is null
            ? $"{Namespace}/{Group}/{Tokens[(int)Type]}/{EdgeNode}"
            : $"{Namespace}/{Group}/{Tokens[(int)Type]}/{EdgeNode}/{Device}";

    private static string? Parse(string topic, out SparkplugTopic? parsed)
    {
        parsed = null;
        var parts = topic.Split('/');
        if (parts[0] != Namespace)
        {
            return $"not a Sparkplug B topic: it must start with '{Namespace}/'";
        }

        if (parts.Length == 3 && parts[1] == "STATE")
        {
            if (CheckId(parts[2], "host id") is { } bad)
            {
                return bad;
            }

            parsed = new SparkplugTopic(SparkplugMessageType.State, "", "", HostId: parts[2]);
            return null;
        }

        if (parts.Length is < 4 or > 5)
        {
            return "a Sparkplug B topic has the form spBv1.0/group/TYPE/edge[/device]";
        }

        var index = Array.IndexOf(Tokens, parts[2]);
        if (index < 0)
        {
            return $"unknown Sparkplug message type '{parts[2]}'; expected one of {string.Join(", ", Tokens)} or STATE";
        }

        var type = (SparkplugMessageType)index;
        var isDeviceType = parts[2][0] == 'D';
        if (isDeviceType != (parts.Length == 5))
        {
            return isDeviceType ? $"{parts[2]} needs a device id after the edge node id" : $"{parts[2]} takes no device id";
        }

        if ((CheckId(parts[1], "group id") ?? CheckId(parts[3], "edge node id") ?? (isDeviceType ? CheckId(parts[4], "device id") : null)) is { } problem)
        {
            return problem;
        }

        parsed = new SparkplugTopic(type, parts[1], parts[3], isDeviceType ? parts[4] : null);
        return null;
    }

    private static string? CheckId(string id, string what) =>
        id.Length == 0 ? $"the {what} is empty"
        : id.Contains('+', StringComparison.Ordinal) || id.Contains('#', StringComparison.Ordinal) ? $"the {what} '{id}' contains a wildcard"
        : null;
}
