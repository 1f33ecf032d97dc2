using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Rung.Hardening.Tests.Server;
using Rung.Runtime.Ingest;
using Rung.Testing;
using Rung.Uns;
using Rung.Uns.Json;

namespace Rung.Hardening.Tests.Parsers;

/// <summary>The inputs the fuzz harness found that escaped as crashes, kept as plain regression tests.</summary>
public sealed class FoundDefectTests(HardeningServer server) : IClassFixture<HardeningServer>
{
    private const string Topic = "acme/plant1/machining/line3/cell2/spindle/temp";

    [Theory]
    [InlineData("22F4657F7422")] // a JSON string holding bytes that are not UTF-8
    [InlineData("7B2276616C7565223A20225C7564383030227D")] // {"value": "\ud800"}: a lone surrogate escape
    [InlineData("7B227175616C5C7564383030697479223A20312C202276616C7565223A20317D")] // {"qual\ud800ity": 1, "value": 1}
    public void JsonTagDecoder_TextThatIsNotUnicode_RefusedNamingTopic(string hex)
    {
        var message = new UnsMessage(Topic, Convert.FromHexString(hex), DateTimeOffset.UnixEpoch);

        var error = Assert.Throws<UnsPayloadException>(() => JsonTagDecoder.Decode(message, JsonPayloadFormat.Default));

        Assert.Equal(Topic, error.Topic);
        Assert.Contains("not valid Unicode", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLines_LoneSurrogateInAFieldName_RefusedNamingLine()
    {
        using var folder = new TempDirectory();
        var path = folder.File("cases.jsonl");
        await File.WriteAllTextAsync(path, "{\"case_id\": \"c1\", \"occurred_at\": \"2026-01-05T08:00:00Z\", \"values\": {}}\n{\"\\ud800case_id\": \"c2\", \"occurred_at\": \"2026-01-05T08:00:00Z\", \"values\": {}}\n");
        var reader = new CaseFileReader(["x"]);

        var error = await Assert.ThrowsAsync<CaseFileException>(() => reader.ValidateAsync(path));

        Assert.Equal(2, error.Line);
        Assert.Contains("not valid Unicode", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7B22726561736F6E223A2022636865636B65642074686520FF617274227D")] // {"reason": "checked the \xFFart"}
    [InlineData("7B22726561736F6E223A20225C7564383030227D")] // {"reason": "\ud800"}
    public async Task ApiBody_TextThatIsNotUnicode_Answers400(string hex)
    {
        using var client = server.Client();
        using var content = new ByteArrayContent(Convert.FromHexString(hex));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/{HardeningServer.Agent}/cases/{server.CaseId}/reject") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Tokens["operator"]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid Unicode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutcomeBatch_CallerFromAnotherZone_RefusedBeforeTheBodyIsValidated()
    {
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Post, $"/api/v1/agents/{HardeningServer.Agent}/outcomes/batch", server.Tokens["all-roles-line4"], Encoding.UTF8.GetString("{\"junk\": 1}"u8));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"edgeId": "e1"}""", "sentAt")]
    [InlineData("""{"edgeId": "e1", "sentAt": "2026-01-01T00:00:00Z"}""", "modelVersion")]
    public async Task EdgeHeartbeat_MissingFields_Answers400NamingTheField(string json, string field)
    {
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Post, "/api/v1/edge/heartbeat", server.Tokens["operator"], json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EdgeStopSwitch_ReadOnlyRole_RefusedBeforeTheBodyIsValidated()
    {
        using var client = server.Client();

        using var response = await HardeningServer.SendAsync(client, HttpMethod.Post, "/api/v1/edge/stops", server.Tokens["auditor"], "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
