namespace Rung.Server.Api;

/// <summary>Collects every problem of a request body, so the caller hears of all of them at once.</summary>
internal sealed class ApiValidation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Throws a 400 problem naming every field at fault, when there is one.</summary>
    public void ThrowIfInvalid()
    {
        if (IsValid)
        {
            return;
        }

        var errors = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        var first = _errors.First();
        var more = _errors.Count > 1 ? $" (and {_errors.Count - 1} more field(s))" : string.Empty;
        throw new ApiProblemException(400, "Invalid request", $"{first.Key}: {first.Value[0]}{more}", errors);
    }
}
