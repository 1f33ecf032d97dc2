using System.Net;

namespace Rung.Runtime.Notifications;

/// <summary>What one webhook attempt got back: the status, any Retry-After, and the start of the body for errors.</summary>
internal sealed record WebhookAttempt(HttpStatusCode Status, string? Reason, TimeSpan? RetryAfter, string BodyStart)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    /// <summary>408, 429 and 5xx may pass; any other 4xx will fail again the same way.</summary>
    public bool IsTransient => Status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)Status >= 500;

    public string Describe()
    {
        var text = $"HTTP {(int)Status} ({Reason ?? Status.ToString()})";
        return BodyStart.Length == 0 ? text : $"{text}: {BodyStart}";
    }
}
