using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Approvals;
using Rung.Governance.Identity;
using Rung.Server.Data;
using Rung.Server.Security;

namespace Rung.Hardening.Tests.Server;

/// <summary>
/// Every console action, called on the running server the way its page's button calls it (the console's services
/// with the signed-in person's session), is refused for a person of another zone (every role, line 4 only) and for
/// a person whose role lacks it (an auditor everywhere), and nothing changes. The action methods are read from the
/// console's services by reflection, so a new action cannot be left out of the sweep.
/// </summary>
public sealed class ConsoleActionSweepTests(HardeningServer server) : IClassFixture<HardeningServer>
{
    private const string AlarmId = "sweep-alarm-1";

    /// <summary>Each console action by its method name, with a call that would change something if it were allowed.</summary>
    private static readonly Dictionary<string, Func<IServiceProvider, string, string, Task>> Actions = new(StringComparer.Ordinal)
    {
        ["ConsoleData.DecideDraftAsync(approve)"] = (s, session, caseId) => s.GetRequiredService<ConsoleData>().DecideDraftAsync(session, caseId, Verdict.Approved, null),
        ["ConsoleData.DecideDraftAsync(reject)"] = (s, session, caseId) => s.GetRequiredService<ConsoleData>().DecideDraftAsync(session, caseId, Verdict.Rejected, "wrong part"),
        ["ConsoleData.AssignExceptionAsync"] = (s, session, caseId) => s.GetRequiredService<ConsoleData>().AssignExceptionAsync(session, caseId),
        ["ConsoleData.ResolveExceptionAsync"] = (s, session, caseId) => s.GetRequiredService<ConsoleData>().ResolveExceptionAsync(session, caseId, "scrap"),
        ["ConsoleData.AcknowledgeAlarmAsync"] = (s, session, _) => s.GetRequiredService<ConsoleData>().AcknowledgeAlarmAsync(session, AlarmId, "seen"),
        ["GateConsole.PromoteAsync"] = (s, session, _) => s.GetRequiredService<GateConsole>().PromoteAsync(session, HardeningServer.Agent, null, HardeningServer.Password),
        ["ModelConsole.ReleaseAsync"] = (s, session, _) => s.GetRequiredService<ModelConsole>().ReleaseAsync(session, HardeningServer.Agent, "softmax-2"),
        ["ModelConsole.RollbackAsync"] = (s, session, _) => s.GetRequiredService<ModelConsole>().RollbackAsync(session, HardeningServer.Agent, "bad release"),
    };

    [Fact]
    public void Actions_Swept_CoverEveryConsoleMethodThatTakesASession()
    {
        var methods = new[] { typeof(ConsoleData), typeof(GateConsole), typeof(ModelConsole) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Type: t, Method: m)))
            // An action is asynchronous and acts as a session; a synchronous helper that only reads a session is not one.
            .Where(x => x.Method.GetParameters() is [{ Name: "sessionId" }, ..] && typeof(Task).IsAssignableFrom(x.Method.ReturnType))
            .Select(x => $"{x.Type.Name}.{x.Method.Name}")
            .Distinct()
            .ToList();

        Assert.NotEmpty(methods);
        var missing = methods.Where(m => !Actions.Keys.Any(k => k == m || k.StartsWith(m + "(", StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, "console actions not in the sweep: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task EveryAction_PersonOfAnotherZoneOrWrongRole_RefusedOnTheServerAndNothingChanges()
    {
        await server.Identity.AddUserAsync("lena", "Lena Line4", Enum.GetValues<Role>(), [HardeningServer.Line4], HardeningServer.Password, "system");
        await server.Store.SaveAlarmsAsync([new Alarm(AlarmId, HardeningServer.Agent, "slo.accuracy", "sweep:1", AlarmSeverity.Warning, "Accuracy under the alert line",
            new Dictionary<string, string>(), "Look at the last cases.", "line3.lead", DateTimeOffset.Parse("2026-01-05T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture))]);
        var stageBefore = (await server.Store.GetAgentAsync(HardeningServer.Agent))!.Stage;
        var failures = new List<string>();
        foreach (var (who, why) in new[] { ("lena", "another zone"), ("aud", "a role without it") })
        {
            var session = await SessionAsync(who);
            foreach (var (name, act) in Actions)
            {
                try
                {
                    await act(server.App.Services, session, server.CaseId);
                    failures.Add($"{name} by {who} ({why}): allowed");
                }
                catch (ConsoleDeniedException ex)
                {
                    Assert.Contains("Refused", ex.Message, StringComparison.Ordinal);
                }
#pragma warning disable CA1031 // Any other outcome is a finding to list, not a crash of the sweep.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Add($"{name} by {who} ({why}): {ex.GetType().Name} {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, "console actions not refused:\n" + string.Join("\n", failures));
        Assert.Equal(AlarmState.Open, (await server.Store.GetAlarmAsync(AlarmId))!.State);
        Assert.Equal(stageBefore, (await server.Store.GetAgentAsync(HardeningServer.Agent))!.Stage);
        Assert.Contains(await server.Store.GetPendingApprovalsAsync(HardeningServer.Agent, 100), d => d.Case.CaseId == server.CaseId);

        // The same call by the line's operator goes through: the refusals above are the zone and the role, not the call.
        var otto = await SessionAsync("otto");
        Assert.True(await server.App.Services.GetRequiredService<ConsoleData>().DecideDraftAsync(otto, server.CaseId, Verdict.Approved, null));
        Assert.Equal(AlarmState.Acknowledged, (await server.App.Services.GetRequiredService<ConsoleData>().AcknowledgeAlarmAsync(otto, AlarmId, "seen")).State);
    }

    /// <summary>A console session as the sign-in form opens one.</summary>
    private async Task<string> SessionAsync(string user)
    {
        var result = await server.Identity.SignInAsync(user, HardeningServer.Password);
        Assert.Equal(SignInStatus.Success, result.Status);
        server.App.Services.GetRequiredService<ConsoleSessions>().Add(result.Session!);
        return result.Session!.SessionId;
    }
}
