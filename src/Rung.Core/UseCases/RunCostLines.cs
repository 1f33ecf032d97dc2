namespace Rung.Core.UseCases;

/// <summary>The names of the variable run-cost lines, as written in the use-case file's <c>run_costs.budgets</c>.</summary>
public static class RunCostLines
{
    /// <summary>Model or API usage: measured cases times the cost per case.</summary>
    public const string ModelUsage = "model_usage";

    /// <summary>Monitoring and alerting.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>Exception-handling labour: measured exceptions times handling time times the hourly rate.</summary>
    public const string ExceptionHandling = "exception_handling";

    /// <summary>Maintenance hours times the hourly rate.</summary>
    public const string Maintenance = "maintenance";

    /// <summary>Every line, in the order reports show them.</summary>
    public static IReadOnlyList<string> All { get; } = [ModelUsage, Monitoring, ExceptionHandling, Maintenance];
}
