using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rung.Simulation.Parts;

namespace Rung.Simulation.Tests;

/// <summary>A hash over everything a part carries, to compare simulated histories.</summary>
internal static class Fingerprint
{
    public static string Of(IEnumerable<SimulatedPart> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part.PartId).Append('|')
                .Append(part.ProducedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('|');
            foreach (var (name, value) in part.Sensors)
            {
                text.Append(name).Append('=').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(';');
            }

            text.Append('|').Append(part.TrueAction).Append('|').Append(part.SensorFault).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
