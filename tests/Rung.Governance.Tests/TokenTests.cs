using Microsoft.Data.Sqlite;
using Rung.Governance.Identity;

namespace Rung.Governance.Tests;

/// <summary>Machine identities: zone-scoped, stored as hashes only, revocable at once (P11-25, ZC-04).</summary>
public sealed class TokenTests
{
    private const string Line3 = "acme/dortmund/machining/line3";

    [Theory]
    [InlineData(Line3, true)]
    [InlineData(Line3 + "/cell2", true)]
    [InlineData("acme/dortmund/machining/line4", false)]
    [InlineData("acme/dortmund/machining/line30", false)]
    [InlineData("acme/dortmund/machining", false)]
    [InlineData("*", false)]
    public async Task Authorize_Line3Token_CannotCrossIntoOtherZones(string scope, bool allowed)
    {
        await using var f = await GovernanceFixture.CreateAsync();
        var created = await f.Identity.CreateTokenAsync("line3-edge", [Role.Operator], [Line3], "admin");
        var principal = await f.Identity.AuthenticateTokenAsync(created.Token);
        Assert.NotNull(principal);
        Assert.Equal(PrincipalKind.Token, principal.Kind);
        Assert.Equal(allowed, (await f.Identity.AuthorizeAsync(principal, Operation.AcknowledgeAlarm, scope)).Allowed);
    }

    [Fact]
    public async Task Token_IsStoredOnlyAsHash_AndRevocationTakesEffectAtOnce()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        var created = await f.Identity.CreateTokenAsync("line3-edge", [Role.Operator], [Line3], "admin");
        Assert.StartsWith("rung_", created.Token, StringComparison.Ordinal);
        Assert.True(created.Token.Length >= 40);

        await using (var connection = new SqliteConnection($"Data Source={f.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM api_tokens WHERE token_sha256 = $t OR name = $t; SELECT COUNT(*) FROM audit_entries WHERE new_value LIKE '%' || $t || '%';";
            command.Parameters.AddWithValue("$t", created.Token);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0L, reader.GetInt64(0));
            Assert.True(await reader.NextResultAsync());
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0L, reader.GetInt64(0));
        }

        Assert.True(await f.Identity.RevokeTokenAsync(created.TokenId, "admin", "edge box replaced"));
        Assert.Null(await f.Identity.AuthenticateTokenAsync(created.Token));
        Assert.False(await f.Identity.RevokeTokenAsync(created.TokenId, "admin", "again"));
    }

    [Fact]
    public async Task AuthenticateToken_UnknownToken_IsNull()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        Assert.Null(await f.Identity.AuthenticateTokenAsync("rung_not-a-real-token"));
        Assert.Null(await f.Identity.AuthenticateTokenAsync(string.Empty));
    }

    [Fact]
    public async Task CreateToken_WithoutZone_IsRefused()
    {
        await using var f = await GovernanceFixture.CreateAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => f.Identity.CreateTokenAsync("x", [Role.Operator], [], "admin"));
    }
}
