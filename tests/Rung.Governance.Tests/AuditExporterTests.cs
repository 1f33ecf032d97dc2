using System.Text;
using System.Text.Json;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Storage.Audit;

namespace Rung.Governance.Tests;

/// <summary>P11-02, P11-14: exports carry the verification result, the filtered entries and the signature manifestations.</summary>
public sealed class AuditExporterTests
{
    [Fact]
    public async Task Export_JsonAndCsv_CarryVerificationEntriesAndManifestations()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await f.AddUserAsync("quinn", Role.Quality);
        await f.AddUserAsync("otto", Role.Operator);
        var session = await f.SignInAsync("quinn");
        await f.Signatures.SignAsync(session, "quinn", GovernanceFixture.Password, "stage", "a1", Encoding.UTF8.GetBytes("{}"), SignatureMeaning.Approved);
        var verification = await f.VerifyAsync();
        var filter = new AuditQuery(Actor: "quinn");
        var entries = await f.Store.GetAuditEntriesAsync(filter);
        var signatures = await f.Store.GetSignaturesAsync(null, null);

        using var json = new MemoryStream();
        await AuditExporter.WriteJsonAsync(json, verification, filter, entries, signatures);
        using var doc = JsonDocument.Parse(json.ToArray());
        Assert.True(doc.RootElement.GetProperty("verification").GetProperty("valid").GetBoolean());
        var actors = doc.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("actor").GetString()).Distinct();
        Assert.Equal(["quinn"], actors);
        Assert.Contains("meaning: Approved", doc.RootElement.GetProperty("signatures")[0].GetProperty("manifestation").GetString(), StringComparison.Ordinal);

        using var csv = new StringWriter();
        await AuditExporter.WriteCsvAsync(csv, verification, entries, signatures);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("verification,valid,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("kind,seq,at_utc,actor", lines[1], StringComparison.Ordinal);
        Assert.Equal(entries.Count + signatures.Count + 2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("signature,", StringComparison.Ordinal) && l.Contains("Signed by Name of quinn", StringComparison.Ordinal));
    }
}
