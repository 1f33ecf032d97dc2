namespace Rung.Governance.Signatures;

/// <summary>What a signature means (21 CFR 11.50(a)(3)).</summary>
public enum SignatureMeaning
{
    /// <summary>I wrote this.</summary>
    Authored,

    /// <summary>I reviewed this.</summary>
    Reviewed,

    /// <summary>I approve this.</summary>
    Approved,

    /// <summary>I take responsibility for this.</summary>
    Responsible,
}
