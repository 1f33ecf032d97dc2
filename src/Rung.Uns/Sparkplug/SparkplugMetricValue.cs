using Rung.Uns.Sparkplug.Wire;

namespace Rung.Uns.Sparkplug;

/// <summary>Reads a metric's value by its Sparkplug datatype, following the interop rules of the 3.0 specification.</summary>
internal static class SparkplugMetricValue
{
    public const int QualityBad = 0;
    public const int QualityGood = 192;
    public const int QualityStale = 500;

    /// <summary>The value as a number and/or text; both null for null, binary, array, data set and template values.</summary>
    public static (double? Number, string? Text) Read(Payload.Types.Metric metric, uint datatype)
    {
        if (metric.HasIsNull && metric.IsNull)
        {
            return (null, null);
        }

        return (DataType)datatype switch
        {
            // Signed small integers travel sign-extended in a uint32; cast back without range checks.
            DataType.Int8 when metric.HasIntValue => ((sbyte)metric.IntValue, null),
            DataType.Int16 when metric.HasIntValue => ((short)metric.IntValue, null),
            DataType.Int32 when metric.HasIntValue => ((int)metric.IntValue, null),
            DataType.Uint8 or DataType.Uint16 when metric.HasIntValue => (metric.IntValue, null),

            // UInt32 is put in int_value by the specification and in long_value by common implementations.
            DataType.Uint32 when metric.HasIntValue => (metric.IntValue, null),
            DataType.Uint32 when metric.HasLongValue => ((uint)metric.LongValue, null),
            DataType.Int64 when metric.HasLongValue => ((long)metric.LongValue, null),
            DataType.Uint64 when metric.HasLongValue => (metric.LongValue, null),
            DataType.DateTime when metric.HasLongValue => ((long)metric.LongValue, null),
            DataType.Float when metric.HasFloatValue => Finite(metric.FloatValue),
            DataType.Double when metric.HasDoubleValue => Finite(metric.DoubleValue),
            DataType.Boolean when metric.HasBooleanValue => (metric.BooleanValue ? 1 : 0, null),
            DataType.String or DataType.Text or DataType.Uuid when metric.HasStringValue => (null, metric.StringValue),
            _ => (null, null),
        };
    }

    /// <summary>The source's quality from the metric's "Quality" property (0 bad, 192 good, 500 stale); good when absent.</summary>
    public static TagQuality Quality(Payload.Types.Metric metric)
    {
        var properties = metric.Properties;
        if (properties is null)
        {
            return TagQuality.Good;
        }

        var index = properties.Keys.IndexOf("Quality");
        if (index < 0 || index >= properties.Values.Count)
        {
            return TagQuality.Good;
        }

        var value = properties.Values[index];
        long? code = value.HasIntValue ? (int)value.IntValue : value.HasLongValue ? (long)value.LongValue : null;
        return code switch
        {
            QualityGood or null => TagQuality.Good,
            QualityStale => TagQuality.Stale,
            _ => TagQuality.Bad,
        };
    }

    private static (double? Number, string? Text) Finite(double value) => (double.IsFinite(value) ? value : null, null);
}
