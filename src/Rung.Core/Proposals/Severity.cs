namespace Rung.Core.Proposals;

/// <summary>How bad it is when this goes wrong. High is never committed without a person.</summary>
public enum Severity
{
    Low = 0,
    Medium = 1,
    High = 2,
}
