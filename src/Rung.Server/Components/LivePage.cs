using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Rung.Governance.Identity;
using Rung.Server.Data;
using Rung.Server.Security;

namespace Rung.Server.Components;

/// <summary>
/// An interactive page of a signed-in person. It reloads from the store every <see cref="ConsoleOptions.PollInterval"/>
/// (when <see cref="Refreshes"/>), so cases and alarms written by the runtime appear without a refresh, and it
/// returns to the sign-in page as soon as the person's session has ended. The poll runs on real time: it paces
/// reads, it is not business time, and it does not count as the person's activity.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _poll;

    /// <summary>The data service.</summary>
    [Inject] protected ConsoleData Data { get; set; } = default!;

    /// <summary>The console's options.</summary>
    [Inject] protected ConsoleOptions Options { get; set; } = default!;

    /// <summary>The open sessions.</summary>
    [Inject] protected ConsoleSessions Sessions { get; set; } = default!;

    /// <summary>Navigation, to leave for the sign-in page.</summary>
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The signed-in user.</summary>
    [CascadingParameter] protected Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>The id of the person's session, which every action hands to the server-side check.</summary>
    protected string? SessionId { get; private set; }

    /// <summary>The signed-in person as the session holds them (roles and zones), or null when the session is gone.</summary>
    protected Principal? Me { get; private set; }

    /// <summary>Each agent's scope, for deciding which buttons to show.</summary>
    protected IReadOnlyDictionary<string, string> Scopes { get; private set; } = new Dictionary<string, string>();

    /// <summary>A line for the status region after an action.</summary>
    protected string? Message { get; set; }

    /// <summary>False for pages that read only when asked (the audit trail).</summary>
    protected virtual bool Refreshes => true;

    /// <summary>Reads the page's data.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>True when the person's roles allow <paramref name="operation"/> and their zones cover the agent's scope: whether to show its button.</summary>
    protected bool Can(Operation operation, string agentId) =>
        ConsolePolicies.Can(Me, operation, Scopes.GetValueOrDefault(agentId) ?? Zones.Everywhere);

    /// <summary>
    /// Runs an action and puts its outcome (or the server's refusal) in the status line; an ended session leaves
    /// for the sign-in page.
    /// </summary>
    protected async Task ActAsync(Func<Task<string>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            Message = await action().ConfigureAwait(true);
        }
        catch (ConsoleDeniedException ex) when (ex.SessionEnded)
        {
            LeaveForSignIn();
            return;
        }
        catch (Exception ex) when (ex is ConsoleDeniedException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            Message = ex.Message;
        }

        await ReloadAsync().ConfigureAwait(true);
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var state = await Authentication.ConfigureAwait(true);
        SessionId = ConsoleClaims.SessionIdOf(state.User);
        Me = Sessions.Find(SessionId)?.Principal;
        await ReloadAsync().ConfigureAwait(true);
    }

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _poll = PollAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_poll is not null)
        {
            try
            {
                await _poll.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The page closed mid-read.
            }
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ReloadAsync()
    {
        Scopes = await Data.GetScopesAsync(Stopping).ConfigureAwait(true);
        await LoadAsync(Stopping).ConfigureAwait(true);
    }

    private void LeaveForSignIn() => Navigation.NavigateTo("/signin?expired=1", forceLoad: true);

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Options.PollInterval);
        while (await timer.WaitForNextTickAsync(Stopping).ConfigureAwait(false))
        {
            await InvokeAsync(async () =>
            {
                if (Sessions.HasEnded(SessionId))
                {
                    LeaveForSignIn();
                    return;
                }

                if (Refreshes)
                {
                    await ReloadAsync().ConfigureAwait(true);
                    StateHasChanged();
                }
            }).ConfigureAwait(false);
        }
    }
}
