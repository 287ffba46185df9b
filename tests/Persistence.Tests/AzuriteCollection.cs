using Xunit;
using OrleansSessions.TestSupport;

namespace OrleansSessions.Persistence.Tests;

/// <summary>The tests that share one Azurite table service.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Azurite";
}
