using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using OrleansSessions.Grains.UserDirectory;
using OrleansSessions.Hosting.UserDirectory;

namespace OrleansSessions.Hosting.Embedded;

public static class EmbeddedStorageExtensions
{
    /// <summary>
    /// The embedded silo's default grain storage, as <see cref="EmbeddedSettings.Storage"/> says: in SQLite, on the
    /// <see cref="EmbeddedDatabase"/> opened here (so a data directory in use stops the start now), which the
    /// services hold and close; or in this process's memory. The user directory is kept in the same place.
    /// </summary>
    public static ISiloBuilder AddEmbeddedStorage(this ISiloBuilder silo, EmbeddedSettings settings)
    {
        if (settings.Storage == EmbeddedStore.Memory)
        {
            silo.Services.AddSingleton(provider => ActivatorUtilities.CreateInstance<InProcessGrainStorage>(provider));
            silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) =>
                provider.GetRequiredService<InProcessGrainStorage>());
            silo.Services.AddSingleton<IUserDirectory>(_ => SqliteUserDirectory.InMemory());
            silo.Services.AddSingleton<IUserCatalog, MemoryUserCatalog>();
            return silo;
        }

        var database = EmbeddedDatabase.Open(settings.DataDirectory);
        silo.Services.AddSingleton(_ => database);
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) =>
            ActivatorUtilities.CreateInstance<SqliteGrainStorage>(provider));
        silo.Services.AddSingleton<IUserDirectory>(_ => new SqliteUserDirectory(database.OpenConnection()));
        silo.Services.AddSingleton<IUserCatalog, SqliteUserCatalog>();
        return silo;
    }
}
