using System.Net.Http.Headers;
using System.Text;
using Rung.Hardening.Tests.Fuzzing;

namespace Rung.Hardening.Tests.Server;

/// <summary>Every API route that reads a body gets mutated and random bodies: each answer is a 2xx or a 4xx problem, never a 500.</summary>
public sealed class ApiBodyFuzzTests(HardeningServer server) : IClassFixture<HardeningServer>
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-1e999", "NaN", "\\ud800", "\\u0000", "9223372036854775808",
        "\"caseId\":", "\"values\":", "\"cases\":", "\"outcomes\":", "\"occurredAt\":", "\"2026-01-05T08:00:00Z\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"action\":", "\"reason\":", "\"x\":",
    ];

    [Fact]
    public void EveryBody_MutatedAndRandom_AnsweredWithStatusBelow500()
    {
        var routes = new[]
        {
            "/api/v1/agents/line3-approve/cases", "/api/v1/agents/line3-approve/cases/batch", "/api/v1/agents/line3-approve/outcomes",
            "/api/v1/agents/line3-approve/outcomes/batch", "/api/v1/agents/line3-approve/cases/hardening-case-1/approve",
            "/api/v1/agents/line3-approve/cases/hardening-case-1/reject", "/api/v1/agents/line3-approve/exceptions/hardening-case-1/resolve",
            "/api/v1/alarms/1/acknowledge",
        };
        // The first byte picks the route, so each valid body starts on its own route.
        var corpus = new (int Route, string Body)[]
        {
            (0, """{"caseId": "f1", "occurredAt": "2026-01-05T08:00:00Z", "values": {"x": 5}}"""),
            (1, """{"cases": [{"caseId": "f2", "occurredAt": "2026-01-05T08:00:00Z", "values": {"x": 1}}, {"caseId": "f3", "occurredAt": "2026-01-05T08:00:01Z", "values": {"x": 9}}]}"""),
            (2, """{"caseId": "hardening-case-1", "action": "accept", "source": "Human"}"""),
            (3, """{"outcomes": [{"caseId": "hardening-case-1", "action": "scrap"}]}"""),
            (4, """{"reason": "checked the part"}"""),
            (5, """{"reason": "checked the part"}"""),
            (6, """{"action": "accept", "reason": "checked"}"""),
            (7, """{"comment": "on it"}"""),
        };
        using var client = server.Client();
        var report = FuzzRunner.Run(
            "api-body",
            FuzzBudget.For(400),
            [.. corpus.Select(c => (byte[])[(byte)c.Route, .. Encoding.UTF8.GetBytes(c.Body)])],
            Tokens,
            input => Post(client, routes[(input.Length == 0 ? 0 : input[0]) % routes.Length], input.Length == 0 ? input : input[1..]),
            input => long.MaxValue);

        Assert.True(report.Findings.Count == 0, report.ToString());
        Assert.True(report.Accepted > 0 && report.Refused > 0, report.ToString());
    }

    private FuzzOutcome Post(HttpClient client, string route, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Tokens["operator"]);
        using var response = client.Send(request);
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            throw new InvalidOperationException($"{route} answered {status}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }

        if (status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return FuzzOutcome.Refused;
        }

        return FuzzOutcome.Accepted;
    }
}
