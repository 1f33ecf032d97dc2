namespace Rung.Models.Tests.Oip;

/// <summary>How the conformance server behaves on the next requests.</summary>
public enum OipServerMode
{
    Success,
    Slow,
    Failing,
    BadJson,
    WrongShape,
    WrongDatatype,
    MissingOutput,
    ServerNotReady,
    ModelNotReady,
    BadRequest,
}
