using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Rung.Runtime.Tests.Notifications;

/// <summary>One request as the webhook server received it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A real HTTP server on a loopback port chosen by the OS. Each request is recorded, then answered by the
/// responder (given the 1-based request number); a responder returning null leaves the request unanswered.
/// </summary>
internal sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, HttpListenerResponse, bool> _respond;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentBag<HttpListenerContext> _held = [];
    private readonly Task _loop;
    private int _count;

    /// <param name="respond">Sets the status and headers of the response; returns false to never answer.</param>
    public TestWebhookServer(Func<int, HttpListenerResponse, bool> respond)
    {
        _respond = respond;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/hooks/rung");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static TestWebhookServer Answering(params HttpStatusCode[] statuses) =>
        new((n, response) =>
        {
            response.StatusCode = (int)statuses[Math.Min(n, statuses.Length) - 1];
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        foreach (var context in _held)
        {
            context.Response.Abort();
        }

        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, headers, body.ToArray()));
            var number = Interlocked.Increment(ref _count);
            if (_respond(number, context.Response))
            {
                context.Response.Close();
            }
            else
            {
                _held.Add(context);
            }
        }
    }
}
