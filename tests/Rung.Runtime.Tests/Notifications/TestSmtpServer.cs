using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rung.Runtime.Tests.Notifications;

/// <summary>One message as the SMTP server received it; <see cref="Data"/> is un-dot-stuffed.</summary>
internal sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, string Data);

/// <summary>
/// A minimal real SMTP server (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on a loopback port chosen
/// by the OS. <c>replyTo(connection, command)</c> may replace the normal reply to a command, for example with a
/// 451 on the first connection's RCPT.
/// </summary>
internal sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, string, string?> _replyTo;
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    public TestSmtpServer(Func<int, string, string?>? replyTo = null)
    {
        _replyTo = replyTo ?? ((_, _) => null);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var number = Interlocked.Increment(ref _connections);
                sessions.Add(Task.Run(() => ServeAsync(client, number)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await using (writer)
            {
                try
                {
                    await SessionAsync(connection, reader, writer);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client went away or the server is stopping.
                }
            }
        }
    }

    private async Task SessionAsync(int connection, StreamReader reader, StreamWriter writer)
    {
        var token = _stop.Token;
        await writer.WriteLineAsync("220 rung-test ESMTP ready".AsMemory(), token);
        string? from = null;
        var rcpt = new List<string>();
        while (await reader.ReadLineAsync(token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var replaced = _replyTo(connection, verb);
            if (replaced is not null)
            {
                await writer.WriteLineAsync(replaced.AsMemory(), token);
                continue;
            }

            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-rung-test".AsMemory(), token);
                    await writer.WriteLineAsync("250 8BITMIME".AsMemory(), token);
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 rung-test".AsMemory(), token);
                    break;
                case "MAIL":
                    from = Address(line);
                    rcpt.Clear();
                    await writer.WriteLineAsync("250 OK".AsMemory(), token);
                    break;
                case "RCPT":
                    rcpt.Add(Address(line));
                    await writer.WriteLineAsync("250 OK".AsMemory(), token);
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>".AsMemory(), token);
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    _messages.Enqueue(new ReceivedMail(from ?? string.Empty, [.. rcpt], data.ToString()));
                    await writer.WriteLineAsync("250 OK queued".AsMemory(), token);
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye".AsMemory(), token);
                    return;
                case "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK".AsMemory(), token);
                    break;
                default:
                    await writer.WriteLineAsync("502 command not implemented".AsMemory(), token);
                    break;
            }
        }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : string.Empty;
    }
}
