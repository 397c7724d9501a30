using AlertWorker.Domain.Tests.Reference;

namespace AlertWorker.Tests.Reference;

/// <summary>
/// A temp folder holding one written scenario, removed on dispose unless a <see cref="Check"/>
/// failed: then its files stay for a look and the failure message says where, with the seed and
/// how to rerun it.
/// </summary>
internal sealed class ScenarioFolder(int seed) : IDisposable
{
    private bool _keep;

    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "alertworker-reference", $"{seed}-{Guid.NewGuid():N}");

    /// <summary>Fails with the seed, the rerun command, the folder and <paramref name="what"/> unless <paramref name="ok"/>.</summary>
    public void Check(bool ok, Func<string> what)
    {
        if (ok) return;
        _keep = true;
        Assert.Fail($"seed {seed} (rerun: {ScenarioGenerator.SeedVariable}={seed} dotnet test tests/AlertWorker.Tests " +
            $"--filter FullyQualifiedName~AlertWorker.Tests.Reference; files kept in {Path}):\n{what()}");
    }

    public void Dispose()
    {
        if (!_keep && System.IO.Directory.Exists(Path)) System.IO.Directory.Delete(Path, recursive: true);
    }
}
