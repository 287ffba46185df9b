using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.UserDirectory.Tests;

/// <summary>The store contract on the cluster's Azure Table directory, on a real Azurite (a table per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableDirectoryTests(AzuriteFixture azurite) : DirectoryStoreTests
{
    private readonly AzureTableUserDirectory _store =
        new(azurite.CreateClient().GetTableClient("directory" + Guid.NewGuid().ToString("N")[..12]));

    protected override IUserDirectory Store => _store;

    [Fact]
    public async Task Concurrent_writers_keep_the_counters_exact()
    {
        var entries = Enumerable.Range(0, 40).Select(_ => Entries.New()).ToList();
        await Task.WhenAll(entries.Chunk(4).Select(chunk => Store.Apply(chunk)));
        Assert.Equal(40, (await Lister.Count()).All);
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
