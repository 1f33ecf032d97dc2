using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Rung.Mqtt.Packets;

namespace Rung.Mqtt.Tests.Infrastructure;

/// <summary>A scripted broker on a raw TcpListener: each test reads the client's packets and answers with whatever bytes it likes.</summary>
internal sealed class FakeBroker : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public FakeBroker() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task<Connection> AcceptAsync()
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(15));
        return new Connection(socket);
    }

    /// <summary>Accepts a connection, reads CONNECT and answers CONNACK accepted.</summary>
    public async Task<(Connection Connection, ConnectPacket Connect)> AcceptSessionAsync(bool sessionPresent = false)
    {
        var connection = await AcceptAsync();
        var connect = Assert.IsType<ConnectPacket>(await connection.ReadAsync());
        await connection.SendAsync(new ConnAckPacket(sessionPresent, MqttConnectReturnCode.Accepted));
        return (connection, connect);
    }

    public void Dispose() => _listener.Dispose();

    internal sealed class Connection(Socket socket) : IDisposable
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);
        private readonly MqttPacketReader _reader = new();
        private PipeReader? _input;

        public async Task<MqttPacket> ReadAsync()
        {
            _input ??= PipeReader.Create(_stream);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (true)
            {
                var result = await _input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                if (_reader.TryRead(ref buffer, out var packet))
                {
                    _input.AdvanceTo(buffer.Start);
                    return packet;
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new EndOfStreamException("the client closed the connection");
                }
            }
        }

        public async Task<T> ReadAsync<T>()
            where T : MqttPacket => Assert.IsType<T>(await ReadAsync());

        public Task SendAsync(MqttPacket packet)
        {
            var writer = new ArrayBufferWriter<byte>();
            MqttPacketWriter.Write(writer, packet);
            return SendAsync(writer.WrittenSpan.ToArray());
        }

        public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

        /// <summary>Waits until the client closes the connection (0 bytes read or reset).</summary>
        public async Task WaitClosedAsync()
        {
            try
            {
                while (true)
                {
                    var packet = await ReadAsync();
                    _ = packet;
                }
            }
            catch (Exception error) when (error is EndOfStreamException or IOException or SocketException or MqttProtocolException)
            {
            }
        }

        /// <summary>Sends FIN: the client sees an orderly end of stream, possibly mid-packet.</summary>
        public void EndOutput() => socket.Shutdown(SocketShutdown.Send);

        public void Dispose()
        {
            socket.LingerState = new LingerOption(true, 0);
            _stream.Dispose();
        }
    }
}
