using System.Text.Json.Serialization;

namespace Rung.Storage.Sqlite;

/// <summary>Source-generated JSON for the identity tables' list columns.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class IdentityJsonContext : JsonSerializerContext;
