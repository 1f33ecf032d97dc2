namespace Rung.Simulation;

/// <summary>Time zones the simulated site uses, found by IANA id with a Windows fallback.</summary>
public static class SiteTimeZones
{
    /// <summary>Central European time with its daylight-saving rules.</summary>
    /// <exception cref="TimeZoneNotFoundException">Neither the IANA nor the Windows zone is installed.</exception>
    public static TimeZoneInfo EuropeBerlin()
    {
        // With invariant globalization, Windows cannot map IANA ids, so try its own id too.
        if (TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone)
            || TimeZoneInfo.TryFindSystemTimeZoneById("W. Europe Standard Time", out zone))
        {
            return zone;
        }

        throw new TimeZoneNotFoundException(
            "Neither 'Europe/Berlin' nor 'W. Europe Standard Time' is installed; install the tzdata package.");
    }
}
