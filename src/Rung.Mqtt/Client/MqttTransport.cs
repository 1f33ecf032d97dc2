using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;

namespace Rung.Mqtt.Client;

/// <summary>
/// One network connection to the broker: the socket (and TLS), a pipe for reading, and a lock that
/// keeps concurrent writers from interleaving packets. Records when it last sent, for keep-alive.
/// </summary>
internal sealed class MqttTransport : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;
    private long _lastSent;

    private MqttTransport(Socket socket, Stream stream, TimeProvider time)
    {
        _socket = socket;
        _stream = stream;
        _time = time;
        _lastSent = time.GetTimestamp();
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
    }

    public PipeReader Input { get; }

    /// <summary>Timestamp (of the client's TimeProvider) of the last write.</summary>
    public long LastSent => Interlocked.Read(ref _lastSent);

    /// <summary>Completed by the receive loop when PINGRESP arrives.</summary>
    public TaskCompletionSource? PendingPing { get; set; }

    public static async Task<MqttTransport> OpenAsync(MqttClientOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(TlsSetup.ClientOptions(options.Host, tls), cancellationToken).ConfigureAwait(false);
            }

            return new MqttTransport(socket, stream, time);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastSent, _time.GetTimestamp());
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes the socket at once so that pending reads and writes end.</summary>
    public void Abort()
    {
        try
        {
            _socket.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await Input.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
    }
}
