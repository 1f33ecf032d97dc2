using Rung.Governance;
using Rung.Governance.Audit;
using Rung.Governance.Identity;
using Rung.Governance.Signatures;
using Rung.Storage.Sqlite;
using Rung.Testing;

namespace Rung.Governance.Tests;

/// <summary>A data folder with a real SQLite store, server key and the governance services on a manual clock.</summary>
internal sealed class GovernanceFixture : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private GovernanceFixture(TempDirectory folder, ManualTimeProvider time, SqliteRungStore store, IdentityOptions options)
    {
        Folder = folder;
        Time = time;
        Store = store;
        Key = ServerKey.LoadOrCreate(GovernancePaths.Keys(folder.Path));
        Identity = new IdentityService(store, store, new StoreSecurityAlarms(store, "security"), options, time);
        Signatures = new SignatureService(Identity, store, Key, time);
        Checkpointer = new AuditCheckpointer(store, Key, CheckpointPath, time);
    }

    public TempDirectory Folder { get; }

    public ManualTimeProvider Time { get; }

    public SqliteRungStore Store { get; private set; }

    public ServerKey Key { get; }

    public IdentityService Identity { get; private set; }

    public SignatureService Signatures { get; private set; }

    public AuditCheckpointer Checkpointer { get; private set; }

    public string DatabasePath => Folder.File("rung.db");

    public string CheckpointPath => GovernancePaths.CheckpointFile(Folder.Path);

    /// <summary>Fast hashing for tests; the production minimum is checked in its own test.</summary>
    public static IdentityOptions TestOptions { get; } = new() { Pbkdf2Iterations = 1_000, AllowWeakHashing = true, MaxFailedAttempts = 3 };

    public static async Task<GovernanceFixture> CreateAsync(IdentityOptions? options = null)
    {
        var folder = new TempDirectory();
        var time = new ManualTimeProvider();
        var store = await SqliteRungStore.OpenAsync(folder.File("rung.db"), time);
        return new GovernanceFixture(folder, time, store, options ?? TestOptions);
    }

    public Task AddUserAsync(string userId, params Role[] roles) =>
        Identity.AddUserAsync(userId, "Name of " + userId, roles, ["acme/dortmund/machining/line3"], Password, "admin");

    public async Task<Session> SignInAsync(string userId)
    {
        var result = await Identity.SignInAsync(userId, Password);
        Assert.True(result.Succeeded, result.Message);
        return result.Session!;
    }

    /// <summary>Closes the store (as after a crash or shutdown) and opens it again on the same file.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await SqliteRungStore.OpenAsync(DatabasePath, Time);
        Identity = new IdentityService(Store, Store, new StoreSecurityAlarms(Store, "security"), Identity.Options, Time);
        Signatures = new SignatureService(Identity, Store, Key, Time);
        Checkpointer = new AuditCheckpointer(Store, Key, CheckpointPath, Time);
    }

    public Task<AuditVerification> VerifyAsync() => AuditVerifier.VerifyAsync(Store, Key, CheckpointPath);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Key.Dispose();
        Folder.Dispose();
    }
}
