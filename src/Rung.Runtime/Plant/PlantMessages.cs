using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Rung.Core.Alarms;
using Rung.Core.Ladder;
using Rung.Core.Slo;
using Rung.Storage.Journal;

namespace Rung.Runtime.Plant;

/// <summary>The JSON payloads Rung publishes into the namespace: snake_case fields, times in ISO 8601 UTC.</summary>
public static class PlantMessages
{
    /// <summary>The agent's state: stage, since when, and the SLO on that stage.</summary>
    public static byte[] State(string agentId, Stage stage, DateTimeOffset stageSince, SloStatus slo, DateTimeOffset at) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(slo);
        w.WriteString("agent", agentId);
        w.WriteString("stage", stage.ToString());
        w.WriteString("stage_since", Time(stageSince));
        w.WriteStartObject("slo");
        w.WriteString("health", slo.Health.ToString());
        w.WriteNumber("labelled", slo.Labelled);
        w.WriteNumber("correct", slo.Correct);
        if (slo.RollingAccuracy is { } accuracy)
        {
            w.WriteNumber("rolling_accuracy", Math.Round(accuracy, 4));
        }
        else
        {
            w.WriteNull("rolling_accuracy");
        }

        w.WriteBoolean("window_full", slo.WindowFull);
        w.WriteNumber("high_severity_errors", slo.HighSeverityErrors);
        w.WriteEndObject();
        w.WriteString("at", Time(at));
    });

    /// <summary>One decided case: what the model proposed and what the stage policy did with it.</summary>
    public static byte[] Proposal(DecisionRecord record) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(record);
        var proposal = record.Proposal;
        w.WriteString("case_id", record.Case.CaseId);
        w.WriteString("agent", record.Case.AgentId);
        w.WriteString("action", proposal.Action.Name);
        if (proposal.Action.Target is { } target)
        {
            w.WriteString("target", target);
        }

        if (proposal.Action.Value is { } value)
        {
            w.WriteNumber("value", value);
        }

        w.WriteNumber("confidence", Math.Round(proposal.Confidence, 4));
        w.WriteBoolean("out_of_distribution", proposal.OutOfDistribution);
        w.WriteString("severity", proposal.Severity.ToString());
        w.WriteString("model_version", proposal.ModelVersion);
        w.WriteString("stage", record.Stage.ToString());
        w.WriteString("disposition", record.Decision.Disposition.ToString());
        w.WriteStartArray("reasons");
        foreach (var reason in record.Decision.Reasons)
        {
            w.WriteStringValue(reason);
        }

        w.WriteEndArray();
        w.WriteString("decided_at", Time(record.DecidedAt));
    });

    /// <summary>One alarm event.</summary>
    public static byte[] Alarm(AlarmEvent alarmEvent) => Write(w =>
    {
        ArgumentNullException.ThrowIfNull(alarmEvent);
        var alarm = alarmEvent.Alarm;
        w.WriteString("event", alarmEvent.Kind.ToString());
        w.WriteString("id", alarm.Id);
        w.WriteString("agent", alarm.AgentId);
        w.WriteString("rule", alarm.Rule);
        w.WriteString("severity", alarm.Severity.ToString());
        w.WriteString("title", alarm.Title);
        w.WriteString("state", alarm.State.ToString());
        w.WriteString("owner", alarm.Owner);
        w.WriteString("recipient", alarmEvent.Recipient);
        w.WriteString("raised_at", Time(alarm.RaisedAt));
    });

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
