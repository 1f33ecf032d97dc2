namespace Rung.Gates.Replication;

/// <summary>Which model a site made from a template should run.</summary>
public enum ModelChoice
{
    /// <summary>Keep the template's shared model: the site-specific challenger is not better by enough.</summary>
    KeepShared,

    /// <summary>Switch to the site-specific challenger: it passed the challenger gates and beats the shared model here.</summary>
    SiteSpecific,
}
