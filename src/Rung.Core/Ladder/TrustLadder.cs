namespace Rung.Core.Ladder;

/// <summary>Navigation on the ladder: which rung is above or below another.</summary>
public static class TrustLadder
{
    /// <summary>True for the four rungs, false for Paused and Retired.</summary>
    public static bool IsOnLadder(Stage stage) => stage is >= Stage.Shadow and <= Stage.ProductionOwned;

    /// <summary>The rung above, or null at the top or off the ladder.</summary>
    public static Stage? Above(Stage stage) => IsOnLadder(stage) && stage < Stage.ProductionOwned ? stage + 1 : null;

    /// <summary>The rung below, or null at the bottom or off the ladder.</summary>
    public static Stage? Below(Stage stage) => IsOnLadder(stage) && stage > Stage.Shadow ? stage - 1 : null;

    /// <summary>True where the agent may commit actions without a person approving each one.</summary>
    public static bool CommitsAutomatically(Stage stage) => stage is Stage.AutoWithExceptions or Stage.ProductionOwned;
}
