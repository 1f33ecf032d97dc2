namespace Rung.Edge.Protocol;

/// <summary>What the server offers an edge: its model-signing public key and the champion of each agent in the token's zone.</summary>
/// <param name="KeyId">The key id of the server's model-signing key.</param>
/// <param name="PublicKeyPem">That key's public half (PEM): an edge pins it at first contact unless given <c>--server-key</c>.</param>
/// <param name="Models">One champion per agent that has one; agents without a champion are absent.</param>
public sealed record EdgeModelListing(string KeyId, string PublicKeyPem, IReadOnlyList<EdgeModelOffer> Models);
