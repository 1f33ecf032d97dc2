using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Rung.Server.Api;

/// <summary>
/// Cursor pagination: <c>limit</c> (1 to <see cref="RungApi.MaxPageSize"/>, default 50) and an opaque
/// <c>cursor</c> from the previous page's <c>nextCursor</c>. The cursor holds a position the endpoint defines
/// (an offset, or the last audit sequence seen).
/// </summary>
internal readonly record struct ApiPage(long Position, int Limit)
{
    private const string Prefix = "p1:";

    public static ApiPage From(ApiRequest request)
    {
        var limit = RungApi.DefaultPageSize;
        if (request.Query("limit") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > RungApi.MaxPageSize)
            {
                throw ApiProblemException.BadField("limit", $"must be a whole number from 1 to {RungApi.MaxPageSize}; got '{text}'.");
            }
        }

        long position = 0;
        if (request.Query("cursor") is { Length: > 0 } cursor)
        {
            position = Decode(cursor) ?? throw ApiProblemException.BadField("cursor", "is not a cursor this API gave out; pass nextCursor from the previous page unchanged.");
        }

        return new ApiPage(position, limit);
    }

    public static string Encode(long position) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The page's JSON: the items and the cursor of the next page (null on the last).</summary>
    public static JsonObject Json(IEnumerable<JsonNode> items, long? nextPosition) => new()
    {
        ["items"] = new JsonArray([.. items]),
        ["nextCursor"] = nextPosition is { } p ? Encode(p) : null,
    };

    /// <summary>An offset page over a list already filtered and ordered.</summary>
    public JsonObject Slice<T>(IReadOnlyList<T> all, Func<T, JsonNode> map)
    {
        var items = all.Skip((int)Math.Min(Position, int.MaxValue)).Take(Limit).Select(map).ToList();
        var next = Position + items.Count;
        return Json(items, next < all.Count ? next : null);
    }

    private static long? Decode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
