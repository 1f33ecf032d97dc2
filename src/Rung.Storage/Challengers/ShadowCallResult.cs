namespace Rung.Storage.Challengers;

/// <summary>How a challenger's call on a live case ended.</summary>
public enum ShadowCallResult
{
    /// <summary>The challenger proposed an action.</summary>
    Answered = 0,

    /// <summary>The call failed (the model threw); counted, never propagated.</summary>
    Failed = 1,

    /// <summary>The call did not finish within the shadow timeout; counted, never waited for.</summary>
    TimedOut = 2,
}
