namespace Rung.Server.Security;

/// <summary>Checks who is signing in. The plant's user directory implements it; implementations are thread-safe.</summary>
public interface IConsoleUserDirectory
{
    /// <summary>The user when the id and password match and the account is not locked out; otherwise null.</summary>
    Task<ConsoleUser?> SignInAsync(string userId, string password, CancellationToken cancellationToken = default);
}
