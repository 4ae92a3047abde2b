namespace Claims.Inference;

/// <summary>One sentence of an article, with its place in the original text.</summary>
/// <param name="ArticleId">The article it came from (a file path or a record id).</param>
/// <param name="Index">Its 0-based position among the article's sentences.</param>
/// <param name="Start">The offset of its first character in the article text.</param>
/// <param name="End">The offset just past its last character (exclusive).</param>
/// <param name="Text">The sentence text, equal to the article text from <paramref name="Start"/> to <paramref name="End"/>.</param>
public sealed record Sentence(string ArticleId, int Index, int Start, int End, string Text);
