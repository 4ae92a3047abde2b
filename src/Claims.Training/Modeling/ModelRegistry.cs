using Claims.Inference;

namespace Claims.Training.Modeling;

/// <summary>
/// The model folders of one profile: <c>models/{profile}</c> is the current model (what <c>score</c> and
/// <c>serve</c> use), <c>models/versions/{version}</c> keeps every accepted model for rollback, and
/// <c>models/candidates/{version}</c> keeps the candidates the regression gate refused.
/// </summary>
/// <param name="ModelsDirectory">The <c>models</c> folder.</param>
/// <param name="Profile">The profile, such as <c>default</c>.</param>
public sealed record ModelRegistry(string ModelsDirectory, string Profile)
{
    /// <summary>The current model's folder.</summary>
    public string Current => Path.Combine(ModelsDirectory, Profile);

    /// <summary>The folder of an archived (accepted) version.</summary>
    public string Version(string version) => Path.Combine(ModelsDirectory, "versions", version);

    /// <summary>The folder of a refused candidate.</summary>
    public string Candidate(string version) => Path.Combine(ModelsDirectory, "candidates", version);

    /// <summary>Every archived version, oldest first, and whether it is the current one.</summary>
    public IReadOnlyList<(ModelManifest Manifest, bool IsCurrent)> List()
    {
        var current = File.Exists(Path.Combine(Current, ModelManifest.FileName)) ? ModelManifest.Load(Current).Version : null;
        var root = Path.Combine(ModelsDirectory, "versions");
        var versions = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Select(ModelManifest.Load).Where(m => m.Profile == Profile).ToList()
            : [];
        if (current is not null && versions.All(v => v.Version != current))
        {
            versions.Add(ModelManifest.Load(Current));
        }

        return versions.OrderBy(v => v.CreatedAt).Select(v => (v, v.Version == current)).ToList();
    }

    /// <summary>Makes an accepted model folder the current one, archiving both it and the one it replaces.</summary>
    public void Promote(string modelDirectory)
    {
        Archive(Current);
        Archive(modelDirectory);
        CopyModel(modelDirectory, Current);
    }

    /// <summary>Makes an archived version current again (a rollback).</summary>
    /// <exception cref="DirectoryNotFoundException">No such version.</exception>
    public void Use(string version)
    {
        var folder = Version(version);
        if (!File.Exists(Path.Combine(folder, ModelManifest.FileName)))
        {
            throw new DirectoryNotFoundException($"{folder}: no such model version; 'claims models list' shows them");
        }

        Archive(Current);
        CopyModel(folder, Current);
    }

    private void Archive(string modelDirectory)
    {
        if (!File.Exists(Path.Combine(modelDirectory, ModelManifest.FileName)))
        {
            return;
        }

        var target = Version(ModelManifest.Load(modelDirectory).Version);
        if (!Directory.Exists(target))
        {
            CopyModel(modelDirectory, target);
        }
    }

    private static void CopyModel(string from, string to)
    {
        if (Path.GetFullPath(from) == Path.GetFullPath(to))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var stale in Directory.EnumerateFiles(to))
        {
            File.Delete(stale);
        }

        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
