using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Rung.Storage.Sqlite;

/// <summary>Conversions between nullable CLR values and column values.</summary>
internal static class DbValues
{
    private const string NaNText = "NaN";

    /// <summary>SQLite stores a bound NaN as NULL; a NaN is kept as the text 'NaN' so it reads back as NaN.</summary>
    public static object FromDouble(double? value) => value switch
    {
        null => DBNull.Value,
        double v when double.IsNaN(v) => NaNText,
        double v => v,
    };

    public static object FromString(string? value) => value is null ? DBNull.Value : value;

    public static object FromTime(DateTimeOffset? value) => value is null ? DBNull.Value : DbTime.ToDb(value.Value);

    public static double? GetNullableDouble(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return reader.GetFieldType(ordinal) == typeof(string) ? double.NaN : reader.GetDouble(ordinal);
    }

    public static string? GetNullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetTime(DbDataReader reader, int ordinal) => DbTime.FromDb(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DbTime.FromDb(reader.GetInt64(ordinal));

    public static SqliteParameter Add(this SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
