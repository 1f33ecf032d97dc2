using Rung.Storage.Identity;

namespace Rung.Governance.Identity;

/// <summary>Where security events that need a person now (an account lockout) are raised.</summary>
public interface ISecurityAlarms
{
    /// <summary>Raises the alarm that <paramref name="user"/> was locked after <paramref name="failures"/> wrong passwords.</summary>
    Task RaiseLockoutAsync(UserRecord user, int failures, DateTimeOffset at, CancellationToken cancellationToken = default);
}
