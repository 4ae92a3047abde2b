using System.Diagnostics.CodeAnalysis;

namespace Claims.Inference;

/// <summary>
/// The label names used in CSV files, JSON output and the model files (<c>casualty_claim</c>, <c>deny</c>, ...),
/// and their conversion to and from <see cref="ClaimType"/> and <see cref="Stance"/>.
/// </summary>
public static class Labels
{
    /// <summary>Every claim type, in the guide's precedence order.</summary>
    public static IReadOnlyList<ClaimType> ClaimTypes { get; } = Enum.GetValues<ClaimType>();

    /// <summary>Every stance, in the guide's precedence order.</summary>
    public static IReadOnlyList<Stance> Stances { get; } = Enum.GetValues<Stance>();

    /// <summary>The label name of a claim type, such as <c>casualty_claim</c>.</summary>
    public static string Name(this ClaimType claimType) => claimType switch
    {
        ClaimType.CasualtyClaim => "casualty_claim",
        ClaimType.TroopCountClaim => "troop_count_claim",
        ClaimType.DiplomaticStatement => "diplomatic_statement",
        ClaimType.Analysis => "analysis",
        ClaimType.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(claimType), claimType, "Unknown claim type."),
    };

    /// <summary>The label name of a stance, such as <c>deny</c>.</summary>
    public static string Name(this Stance stance) => stance switch
    {
        Stance.Deny => "deny",
        Stance.Query => "query",
        Stance.Support => "support",
        Stance.Report => "report",
        Stance.Neutral => "neutral",
        _ => throw new ArgumentOutOfRangeException(nameof(stance), stance, "Unknown stance."),
    };

    /// <summary>Reads a claim type from its label name; false for anything else.</summary>
    public static bool TryParseClaimType(string? name, [NotNullWhen(true)] out ClaimType? claimType)
    {
        claimType = ClaimTypes.Cast<ClaimType?>().FirstOrDefault(c => c!.Value.Name() == name);
        return claimType is not null;
    }

    /// <summary>Reads a stance from its label name; false for anything else.</summary>
    public static bool TryParseStance(string? name, [NotNullWhen(true)] out Stance? stance)
    {
        stance = Stances.Cast<Stance?>().FirstOrDefault(s => s!.Value.Name() == name);
        return stance is not null;
    }
}
