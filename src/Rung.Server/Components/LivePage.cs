using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Rung.Server.Data;
using Rung.Server.Security;

namespace Rung.Server.Components;

/// <summary>
/// An interactive page that reloads from the store every <see cref="ConsoleOptions.PollInterval"/>, so cases and
/// alarms written by the runtime appear without a refresh. The poll runs on real time: it paces reads, it is not
/// business time.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _poll;

    /// <summary>The data service.</summary>
    [Inject] protected ConsoleData Data { get; set; } = default!;

    /// <summary>The console's options.</summary>
    [Inject] protected ConsoleOptions Options { get; set; } = default!;

    /// <summary>The signed-in user.</summary>
    [CascadingParameter] protected Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>The user's id, and their roles.</summary>
    protected (string Id, HashSet<string> Roles) User { get; private set; } = (string.Empty, []);

    /// <summary>A line for the status region after an action.</summary>
    protected string? Message { get; set; }

    /// <summary>Reads the page's data.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>True when the user holds the policy.</summary>
    protected bool Can(string policy) => ConsolePolicies.Allows(policy, User.Roles);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var state = await Authentication.ConfigureAwait(true);
        User = (state.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, state.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
        await LoadAsync(Stopping).ConfigureAwait(true);
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

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Options.PollInterval);
        while (await timer.WaitForNextTickAsync(Stopping).ConfigureAwait(false))
        {
            await InvokeAsync(async () =>
            {
                await LoadAsync(Stopping).ConfigureAwait(true);
                StateHasChanged();
            }).ConfigureAwait(false);
        }
    }
}
