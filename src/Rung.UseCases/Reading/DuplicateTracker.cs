namespace Rung.UseCases.Reading;

/// <summary>Reports the second and later occurrences of a name in a list, pointing back at the first.</summary>
internal sealed class DuplicateTracker(Values values, string what)
{
    private readonly Dictionary<string, Field> first = new(StringComparer.Ordinal);

    /// <summary>Returns true the first time <paramref name="name"/> is seen; reports a duplicate otherwise.</summary>
    public bool Add(string? name, Field? field)
    {
        if (name is null || field is not { } at)
        {
            return true;
        }

        if (first.TryAdd(name, at))
        {
            return true;
        }

        var original = first[name].At;
        values.Error(at, $"duplicate {what} '{name}'; first declared at line {original.Line}, column {original.Column}");
        return false;
    }
}
