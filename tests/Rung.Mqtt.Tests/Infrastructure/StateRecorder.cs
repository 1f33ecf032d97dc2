using System.Threading.Channels;

namespace Rung.Mqtt.Tests.Infrastructure;

/// <summary>Records a client's state changes and lets a test await a particular one.</summary>
internal sealed class StateRecorder
{
    private readonly Channel<MqttConnectionStateChangedEventArgs> _changes = Channel.CreateUnbounded<MqttConnectionStateChangedEventArgs>();

    public StateRecorder(MqttClient client) => client.StateChanged += (_, change) => _changes.Writer.TryWrite(change);

    /// <summary>The next change to <paramref name="state"/>, skipping others; fails after the safety timeout.</summary>
    public async Task<MqttConnectionStateChangedEventArgs> NextAsync(MqttConnectionState state, Func<MqttConnectionStateChangedEventArgs, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var change = await _changes.Reader.ReadAsync(timeout.Token);
            if (change.State == state && (where is null || where(change)))
            {
                return change;
            }
        }
    }
}
