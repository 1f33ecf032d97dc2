namespace Rung.Core.Alarms;

/// <summary>One rule's verdict on one condition at one moment, as the monitor hands it to the alarm book.</summary>
/// <param name="Rule">The rule, for example <c>drift.input</c>.</param>
/// <param name="Subject">What it is about (a feature, a class), or empty for the agent as a whole.</param>
/// <param name="Active">True while the condition holds.</param>
/// <param name="Severity">How urgent it is when it holds.</param>
/// <param name="Title">One line for a person.</param>
/// <param name="Evidence">The numbers behind the verdict.</param>
/// <param name="ClearsItself">False for conditions a person must close (a high-severity error): its alarm is never resolved automatically.</param>
public sealed record AlarmCondition(string Rule, string Subject, bool Active, AlarmSeverity Severity, string Title, IReadOnlyDictionary<string, string> Evidence, bool ClearsItself = true)
{
    /// <summary>The condition's key: the rule plus the subject.</summary>
    public string Key => Subject.Length == 0 ? Rule : $"{Rule}:{Subject}";
}
