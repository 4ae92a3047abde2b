namespace Claims.Cli.Commands;

/// <summary>One article to score: its id (the path as given, or <c>stdin</c>) and a way to read it.</summary>
internal sealed record ArticleInput(string Id, Func<string> Read)
{
    /// <summary>
    /// The text of every article the paths name, in order. A path that does not exist or a file that cannot be
    /// read is reported with its path, and the rest are still read.
    /// </summary>
    public static IEnumerable<(string Id, string Text)> ReadAll(IEnumerable<string> paths, TextReader stdin, Action<string> reportError)
    {
        foreach (var article in Expand(paths, stdin, reportError))
        {
            string text;
            try
            {
                text = article.Read();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                reportError($"{article.Id}: cannot read: {e.Message}");
                continue;
            }

            yield return (article.Id, text);
        }
    }

    /// <summary>
    /// Expands the command line's paths: a file as it is, a folder into its <c>*.txt</c> files (recursive,
    /// in path order), <c>-</c> into standard input. A path that does not exist is reported and skipped.
    /// </summary>
    public static IEnumerable<ArticleInput> Expand(IEnumerable<string> paths, TextReader stdin, Action<string> reportError)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return new ArticleInput("stdin", stdin.ReadToEnd);
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return new ArticleInput(file, () => File.ReadAllText(file));
                }
            }
            else if (File.Exists(path))
            {
                yield return new ArticleInput(path, () => File.ReadAllText(path));
            }
            else
            {
                reportError($"{path}: no such file or folder");
            }
        }
    }
}
