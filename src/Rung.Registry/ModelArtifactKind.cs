namespace Rung.Registry;

/// <summary>What a registered model version's artefacts are.</summary>
public enum ModelArtifactKind
{
    /// <summary>A script bundle run as a local process speaking JSON lines (the entry is the executable, run in the version folder).</summary>
    ProcessBundle,

    /// <summary>A model file Rung loads and runs in its own process (the entry is the file).</summary>
    InProcessFile,

    /// <summary>A reference to a remote inference endpoint (the entry is its URL); only the reference is signed.</summary>
    RemoteEndpoint,
}
