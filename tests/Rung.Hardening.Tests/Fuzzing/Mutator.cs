using System.Text;

namespace Rung.Hardening.Tests.Fuzzing;

/// <summary>
/// Makes hostile inputs from a corpus of valid ones: bit flips, boundary bytes, cuts, repeats, splices, tokens from
/// a dictionary (brackets, quotes, huge numbers), and now and then plain random bytes. Deterministic for a seed.
/// </summary>
internal sealed class Mutator(Random random, IReadOnlyList<byte[]> corpus, IReadOnlyList<string> dictionary)
{
    private static readonly byte[] Boundaries = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0xC0, 0xEF, (byte)'\n', (byte)'"', (byte)','];

    public byte[] Next()
    {
        if (random.Next(10) == 0 || corpus.Count == 0)
        {
            var noise = new byte[random.Next(0, random.Next(2) == 0 ? 16 : 512)];
            random.NextBytes(noise);
            return noise;
        }

        var data = new List<byte>(corpus[random.Next(corpus.Count)]);
        var rounds = 1 + random.Next(random.Next(2) == 0 ? 2 : 8);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(data);
        }

        return [.. data];
    }

    private void Mutate(List<byte> data)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count);
        switch (random.Next(9))
        {
            case 0 when data.Count > 0:
                data[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[at] = Boundaries[random.Next(Boundaries.Length)];
                break;
            case 2 when data.Count > 0:
                data.RemoveRange(at, random.Next(1, Math.Min(32, data.Count - at) + 1));
                break;
            case 3:
                data.InsertRange(at, RandomBytes(random.Next(1, 9)));
                break;
            case 4 when data.Count > 0:
                var length = random.Next(1, Math.Min(16, data.Count - at) + 1);
                var chunk = data.GetRange(at, length);
                var copies = random.Next(2) == 0 ? random.Next(2, 8) : random.Next(64, 4096);
                for (var c = 0; c < copies && data.Count < 1 << 20; c++)
                {
                    data.InsertRange(at, chunk);
                }

                break;
            case 5 when data.Count > 0:
                data.RemoveRange(at, data.Count - at);
                break;
            case 6 when corpus.Count > 0:
                var other = corpus[random.Next(corpus.Count)];
                var from = random.Next(other.Length + 1);
                data.InsertRange(at, other.AsSpan(from, random.Next(other.Length - from + 1)).ToArray());
                break;
            case 7 when dictionary.Count > 0:
                var token = Encoding.UTF8.GetBytes(dictionary[random.Next(dictionary.Count)]);
                var times = random.Next(4) == 0 ? random.Next(16, 200) : 1;
                for (var t = 0; t < times; t++)
                {
                    data.InsertRange(at, token);
                }

                break;
            default:
                if (data.Count > 1)
                {
                    var a = random.Next(data.Count);
                    var b = random.Next(data.Count);
                    (data[a], data[b]) = (data[b], data[a]);
                }

                break;
        }
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
