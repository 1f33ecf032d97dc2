using Rung.Core.Calendar;
using Rung.Core.UseCases;
using Rung.Governance.Identity;

namespace Rung.Server;

/// <summary>How the console is hosted.</summary>
public sealed record ConsoleOptions
{
    /// <summary>The SQLite database the console reads and writes (a data folder's <c>rung.db</c>). Required.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Addresses to listen on, for example <c>http://127.0.0.1:5080</c>. Default: that one.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>The site calendar exception SLAs are counted in. Default <see cref="SiteCalendar.Default"/>.</summary>
    public SiteCalendar Calendar { get; init; } = SiteCalendar.Default;

    /// <summary>
    /// Use-case definitions the agents in the store were created from, when known: they give the SLO floor and alert
    /// line, the site calendar of each agent and its action names. Agents without one fall back to <see cref="Calendar"/>.
    /// </summary>
    public IReadOnlyList<UseCaseDefinition> UseCases { get; init; } = [];

    /// <summary>How often live pages look for new cases and alarms. Default two seconds; at least 100 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Password, lockout and idle-timeout rules for sign-in and signatures. Default <see cref="IdentityOptions"/>'s defaults.</summary>
    public IdentityOptions Identity { get; init; } = new();

    /// <summary>How often the head of the audit chain is signed into a checkpoint (also once at shutdown). Default five minutes; at least one second.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often open alarms are checked for escalation, with or without traffic. Default one minute; at least one second.</summary>
    public TimeSpan AlarmSweepInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The plant's clock: what "now" is for business time (exception SLAs, trend windows, gate evidence, stamps on
    /// promotions and releases). Null (the default) means the app's clock. A simulation passes its simulated clock here
    /// while sessions and the idle timeout keep running on the app's clock.
    /// </summary>
    public TimeProvider? PlantClock { get; init; }

    /// <summary>
    /// The store to open instead of <see cref="DatabasePath"/>: a SQLite file path, a <c>postgres://</c> URI or an
    /// Npgsql connection string (see <see cref="Rung.Storage.RungStoreFactory"/>). Null: the SQLite file at <see cref="DatabasePath"/>.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>This instance's name among the instances sharing one store, for background-job leases. Default host name and process id.</summary>
    public string InstanceId { get; init; } = Rung.Storage.Leases.BackgroundLease.DefaultHolder();

    /// <summary>How long a background-job lease lasts before another instance may take the job over. Default three checkpoint intervals.</summary>
    public TimeSpan? LeaseDuration { get; init; }

    /// <summary>Limits on sign-in attempts and API writes (see <see cref="Hosting.RateLimitOptions"/>); the defaults suit a plant.</summary>
    public Hosting.RateLimitOptions RateLimits { get; init; } = new();

    /// <summary>The data folder: the database's folder, which also holds the server key and the checkpoint file.</summary>
    public string DataFolder => Path.GetDirectoryName(Path.GetFullPath(DatabasePath)) ?? ".";
}
