using Rung.Core.Approvals;
using Rung.Core.Ladder;
using Rung.Core.Outcomes;
using Rung.Core.Policy;
using Rung.Storage.Gates;
using Rung.Storage.Registry;
using static Rung.Storage.Tests.TestJournal;

namespace Rung.Storage.Tests;

public abstract partial class DataStoreContract
{
    private static ModelEvent Event(string version, string kind, long minutes = 0) =>
        new(AgentId, version, kind, "ml-eng", T0.AddMinutes(minutes), "{}");

    [Fact]
    public async Task Model_versions_get_the_next_id_and_keep_signing_aliases_events_and_evidence()
    {
        var draft = new ModelVersionDraft(AgentId, "process", "{\"data\":\"d1\"}", null, "ml-eng", T0);
        var v1 = await Store.AddModelVersionAsync(draft);
        var v2 = await Store.AddModelVersionAsync(draft with { ParentVersion = v1.Version, RegisteredAt = T0.AddDays(1) });

        Assert.Equal(("v1", 1L, "v2", 2L), (v1.Version, v1.Sequence, v2.Version, v2.Sequence));
        await Store.MarkModelSignedAsync(AgentId, "v1", "abcd", Event("v1", "signed", 5));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.MarkModelSignedAsync(AgentId, "v9", "abcd", Event("v9", "signed")));
        var signed = await Store.GetModelVersionAsync(AgentId, "v1");
        Assert.Equal("abcd", signed?.ManifestSha256);
        Assert.Equal(T0.AddMinutes(5), signed?.SignedAt);
        Assert.Equal(["v1", "v2"], (await Store.GetModelVersionsAsync(null)).Select(v => v.Version));

        await Store.SetModelAliasAsync(AgentId, "champion", "v1", Event("v1", "alias", 6));
        await Store.SetModelAliasAsync(AgentId, "champion", "v2", Event("v2", "alias", 7));
        await Store.SetModelAliasAsync(AgentId, "challenger", "v1", Event("v1", "alias", 8));
        await Store.SetModelAliasAsync(AgentId, "challenger", null, Event("v1", "alias", 9));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.SetModelAliasAsync(AgentId, "champion", "v7", Event("v7", "alias")));
        Assert.Equal("v2", Assert.Single(await Store.GetModelAliasesAsync(AgentId)).Version);

        var evidence = await Store.AppendModelEvidenceAsync(new ModelEvidence(AgentId, "v2", "shadow", "v1", true, T0.AddDays(2), "{\"agree\":0.97}"), Event("v2", "evidence"));
        Assert.True(evidence.Id > 0);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AppendModelEvidenceAsync(evidence with { Version = "v5" }, Event("v5", "evidence")));
        Assert.Equal(evidence, Assert.Single(await Store.GetModelEvidenceAsync(AgentId, "v2")));
        Assert.Empty(await Store.GetModelEvidenceAsync(AgentId, "v1"));
        Assert.Equal(
            ["registered", "registered", "signed", "alias", "alias", "alias", "alias", "evidence"],
            (await Store.GetModelEventsAsync(AgentId)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Labelled_cases_carry_the_first_outcomes_action()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendDecisionsAsync([Decision("c1", T0), Decision("c2", T0.AddMinutes(1)), Decision("c3", T0.AddMinutes(2))]);
        await Store.AppendOutcomesAsync([Outcome("c1", OutcomeSource.HumanAction, T0.AddHours(1), correct: true), Outcome("c2", OutcomeSource.HumanAction, T0.AddHours(1), correct: false)]);

        var all = await Store.GetLabelledCasesAsync(AgentId, 10, null);
        var recent = await Store.GetLabelledCasesAsync(AgentId, 10, T0.AddSeconds(30));

        Assert.Equal(["c1", "c2"], all.Select(c => c.CaseId));
        Assert.Equal(["scrap", "pass"], all.Select(c => c.CorrectAction));
        Assert.Equal(12.5, all[0].Features["torque"]);
        Assert.Equal("c2", Assert.Single(recent).CaseId);
    }

    [Fact]
    public async Task Gate_records_and_evidence_read_back_and_a_stale_stage_change_is_refused()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendAttestationAsync(new Attestation(AgentId, "readiness:operators_trained", "owner", T0, "Trained on 3 shifts."));
        await Store.AppendConnectorCheckAsync(new ConnectorCheck(AgentId, T0.AddHours(1), "restart", 10, 10, 0, 0, "Broker restarted."));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AppendAttestationAsync(new Attestation("ghost", "x", "owner", T0, "n")));

        var decision = new GateDecision(AgentId, T0.AddDays(1), Stage.Shadow, Stage.ApproveEach, StageChangeKind.Promotion, true, "owner", T0.AddDays(1), "signature", "s1", "Gate passed.", "ff", "{}");
        await Store.RecordGateDecisionAsync(decision, Change(Stage.Shadow, Stage.ApproveEach, T0.AddDays(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.RecordGateDecisionAsync(decision with { At = T0.AddDays(2) }, Change(Stage.Shadow, Stage.ApproveEach, T0.AddDays(2))));

        Assert.Equal("readiness:operators_trained", Assert.Single(await Store.GetAttestationsAsync(AgentId)).Subject);
        Assert.Equal(10, Assert.Single(await Store.GetConnectorChecksAsync(AgentId)).Delivered);
        Assert.Equal(decision, Assert.Single(await Store.GetGateDecisionsAsync(AgentId)));
        Assert.Equal(Stage.ApproveEach, (await Store.GetAgentAsync(AgentId))?.Stage);

        await Store.AppendDecisionsAsync([Decision("c1", T0.AddDays(1).AddHours(1), Disposition.PendingApproval), Decision("c2", T0.AddDays(1).AddHours(2), Disposition.Committed)]);
        await Store.AppendApprovalAsync(new Approval("c1", "anna", Verdict.Approved, T0.AddDays(1).AddHours(3)));
        await Store.AppendOutcomesAsync([Outcome("c2", OutcomeSource.HumanAction, T0.AddDays(2), correct: true)]);
        var cases = await Store.GetCaseEvidenceAsync(AgentId, T0, T0.AddDays(3));
        Assert.Equal(["c1", "c2"], cases.Select(c => c.CaseId));
        Assert.True(cases[1].Correct);
        Assert.Equal(Verdict.Approved, Assert.Single(await Store.GetApprovalEvidenceAsync(AgentId, T0, T0.AddDays(3))).Verdict);
    }

    [Fact]
    public async Task The_console_assigns_open_exceptions_and_lists_recent_commits_newest_first()
    {
        await Store.EnsureAgentAsync(Agent(), Initial());
        await Store.AppendDecisionsAsync([Decision("x1", T0, Disposition.Excepted), Decision("c1", T0.AddMinutes(1), Disposition.Committed), Decision("c2", T0.AddMinutes(2), Disposition.Committed)]);

        Assert.True(await Store.AssignExceptionAsync("x1", "anna"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Store.AssignExceptionAsync("c1", "anna"));
        Assert.Equal("anna", Assert.Single(await Store.GetOpenExceptionsAsync(AgentId, 10)).AssignedTo);
        Assert.Equal(["c2", "c1"], (await Store.GetRecentCommitsAsync(AgentId, 10)).Select(a => a.CaseId));
        Assert.Equal(["c2"], (await Store.GetRecentCommitsAsync(AgentId, 1)).Select(a => a.CaseId));
    }
}
