using Npgsql;

namespace Rung.Storage.Postgres;

/// <summary>Reads the two ways a PostgreSQL store is named: an Npgsql connection string or a <c>postgres://</c> URI.</summary>
public static class PostgresConnectionString
{
    /// <summary>True when <paramref name="value"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool IsPostgres(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.TrimStart();
        return trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("Server=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses <paramref name="value"/>: <c>postgres://user:password@host:port/database?sslmode=require</c> or
    /// <c>Host=...;Port=...;Database=...;Username=...</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is neither, or names no database.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var trimmed = value.Trim();
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = trimmed.Contains("://", StringComparison.Ordinal) ? FromUri(trimmed) : new NpgsqlConnectionStringBuilder(trimmed);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL store '{Redact(trimmed)}' could not be read: {ex.Message}", nameof(value), ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException($"The PostgreSQL store '{Redact(trimmed)}' names no host.", nameof(value));
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException($"The PostgreSQL store '{Redact(trimmed)}' names no database.", nameof(value));
        }

        return builder;
    }

    private static NpgsqlConnectionStringBuilder FromUri(string value)
    {
        var uri = new Uri(value);
        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException($"Scheme '{uri.Scheme}' is not postgres:// or postgresql://.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return builder;
    }

    /// <summary>The value without its password, for error messages and logs.</summary>
    public static string Redact(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return value.Replace(uri.UserInfo, uri.UserInfo.Split(':')[0] + ":***", StringComparison.Ordinal);
        }

        return string.Join(';', value.Split(';').Select(p => p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : p));
    }
}
