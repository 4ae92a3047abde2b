namespace Claims.Inference;

/// <summary>How a sentence treats the claim it carries, as defined by the labeling guide.</summary>
/// <remarks>The declaration order is the guide's precedence: when a sentence holds several stances, the first wins.</remarks>
public enum Stance
{
    /// <summary>Rejects, disputes, debunks or contradicts the claim.</summary>
    Deny,

    /// <summary>Doubts the claim, flags it as unverified, or asks about it.</summary>
    Query,

    /// <summary>Asserts the claim in the writer's own voice, or reports a second party's confirmation.</summary>
    Support,

    /// <summary>Passes the claim on from its source without vouching for it.</summary>
    Report,

    /// <summary>Carries no claim it vouches for, passes on, doubts or rejects.</summary>
    Neutral,
}
