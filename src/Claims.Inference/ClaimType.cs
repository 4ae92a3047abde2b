namespace Claims.Inference;

/// <summary>What a sentence claims, as defined by the labeling guide (<c>training-data/LABELING.md</c>).</summary>
/// <remarks>The declaration order is the guide's precedence: when a sentence carries several, the first wins.</remarks>
public enum ClaimType
{
    /// <summary>States or reports losses of people: killed, wounded, missing, captured.</summary>
    CasualtyClaim,

    /// <summary>States or reports how many troops are deployed somewhere, or the size or presence of a force.</summary>
    TroopCountClaim,

    /// <summary>Reports what a government, leader, ministry or spokesperson says or does toward other states.</summary>
    DiplomaticStatement,

    /// <summary>Interprets, explains, predicts or assesses.</summary>
    Analysis,

    /// <summary>None of the above: narration without claim content, bylines, navigation, ads.</summary>
    Other,
}
