using System.Buffers;
using System.Buffers.Binary;
using System.Text.Unicode;

namespace Rung.Mqtt.Packets;

/// <summary>Reads the fields of one packet body; every fault becomes an <see cref="MqttProtocolException"/> naming the packet.</summary>
internal ref struct BodyReader(ReadOnlySpan<byte> body, MqttPacketType type)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _at;

    public readonly int Remaining => _body.Length - _at;

    public readonly MqttPacketType Type { get; } = type;

    public byte ReadByte(string field)
    {
        Need(1, field);
        return _body[_at++];
    }

    public ushort ReadUInt16(string field)
    {
        Need(2, field);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_body[_at..]);
        _at += 2;
        return value;
    }

    public ushort ReadPacketId()
    {
        var id = ReadUInt16("packet identifier");
        return id == 0 ? throw Fail("packet identifier is 0; it must be non-zero") : id;
    }

    public ReadOnlySpan<byte> ReadBinary(string field)
    {
        var length = ReadUInt16(field + " length");
        Need(length, field);
        var value = _body.Slice(_at, length);
        _at += length;
        return value;
    }

    public string ReadString(string field) => DecodeString(ReadBinary(field), field, cache: null);

    public string ReadString(string field, TopicStringCache? cache) => DecodeString(ReadBinary(field), field, cache);

    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _body[_at..];
        _at = _body.Length;
        return rest;
    }

    public readonly void End()
    {
        if (Remaining != 0)
        {
            throw Fail($"{Remaining} unexpected byte(s) after the last field");
        }
    }

    public readonly MqttProtocolException Fail(string what) => new($"malformed {Name(Type)} packet: {what}");

    public static string Name(MqttPacketType type) => type.ToString().ToUpperInvariant();

    private readonly void Need(int count, string field)
    {
        if (Remaining < count)
        {
            throw Fail($"{field} needs {count} byte(s) but only {Remaining} remain(s)");
        }
    }

    private readonly string DecodeString(ReadOnlySpan<byte> utf8, string field, TopicStringCache? cache)
    {
        // A 65,535-byte string decodes to at most as many chars; small ones stay on the stack.
        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            if (Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw Fail($"{field} is not valid UTF-8");
            }

            var text = chars[..written];
            if (text.Contains('\0'))
            {
                throw Fail($"{field} contains the null character U+0000");
            }

            return cache is null ? new string(text) : cache.Get(text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
