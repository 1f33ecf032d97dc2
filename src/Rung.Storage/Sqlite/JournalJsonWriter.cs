using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rung.Core.Cases;
using Rung.Core.Proposals;

namespace Rung.Storage.Sqlite;

/// <summary>
/// Writes the journal's small JSON columns with one re-used buffer: the hot append path builds no object
/// graph and runs no reflection. Not thread-safe; the store uses it under its writer lock only.
/// Non-finite numbers are written as the strings "NaN", "Infinity" and "-Infinity", which JSON cannot hold.
/// </summary>
internal sealed class JournalJsonWriter : IDisposable
{
    /// <summary>The text stored for an empty list.</summary>
    public const string EmptyArray = "[]";

    /// <summary>The text stored for an empty map.</summary>
    public const string EmptyObject = "{}";

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public JournalJsonWriter()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public string Strings(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return EmptyArray;
        }

        Start();
        _writer.WriteStartArray();
        for (var i = 0; i < values.Count; i++)
        {
            _writer.WriteStringValue(values[i]);
        }

        _writer.WriteEndArray();
        return Finish();
    }

    public string Numbers(IReadOnlyDictionary<string, double> values)
    {
        if (values.Count == 0)
        {
            return EmptyObject;
        }

        Start();
        _writer.WriteStartObject();
        if (values is Dictionary<string, double> dictionary)
        {
            // The concrete type's struct enumerator: no enumerator allocated per row on the append path.
            foreach (var (name, value) in dictionary)
            {
                _writer.WritePropertyName(name);
                WriteNumber(value);
            }
        }
        else
        {
            foreach (var (name, value) in values)
            {
                _writer.WritePropertyName(name);
                WriteNumber(value);
            }
        }

        _writer.WriteEndObject();
        return Finish();
    }

    public string Texts(IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return EmptyObject;
        }

        Start();
        _writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            _writer.WriteString(name, value);
        }

        _writer.WriteEndObject();
        return Finish();
    }

    public string Flags(IReadOnlyList<QualityFlag> flags)
    {
        if (flags.Count == 0)
        {
            return EmptyArray;
        }

        Start();
        _writer.WriteStartArray();
        for (var i = 0; i < flags.Count; i++)
        {
            var flag = flags[i];
            _writer.WriteStartObject();
            _writer.WriteString(JournalJsonNames.Feature, flag.Feature);
            _writer.WriteString(JournalJsonNames.Problem, flag.Problem);
            if (!flag.Blocking)
            {
                _writer.WriteBoolean(JournalJsonNames.Blocking, false);
            }

            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        return Finish();
    }

    public string Contributions(IReadOnlyList<FeatureContribution> contributions)
    {
        if (contributions.Count == 0)
        {
            return EmptyArray;
        }

        Start();
        _writer.WriteStartArray();
        for (var i = 0; i < contributions.Count; i++)
        {
            var contribution = contributions[i];
            _writer.WriteStartObject();
            _writer.WriteString(JournalJsonNames.Feature, contribution.Feature);
            _writer.WritePropertyName(JournalJsonNames.Contribution);
            WriteNumber(contribution.Contribution);
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        return Finish();
    }

    public void Dispose() => _writer.Dispose();

    private void WriteNumber(double value)
    {
        if (double.IsFinite(value))
        {
            _writer.WriteNumberValue(value);
        }
        else
        {
            _writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    private string Finish()
    {
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
