using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace OrleansSessions.Hosting.Embedded;

public static class EmbeddedStorageExtensions
{
    /// <summary>
    /// The embedded silo's default grain storage, as <see cref="EmbeddedSettings.Storage"/> says: in SQLite, on the
    /// <see cref="EmbeddedDatabase"/> opened here (so a data directory in use stops the start now), which the
    /// services hold and close; or in this process's memory.
    /// </summary>
    public static ISiloBuilder AddEmbeddedStorage(this ISiloBuilder silo, EmbeddedSettings settings)
    {
        if (settings.Storage == EmbeddedStore.Memory)
        {
            silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) =>
                ActivatorUtilities.CreateInstance<InProcessGrainStorage>(provider));
            return silo;
        }

        var database = EmbeddedDatabase.Open(settings.DataDirectory);
        silo.Services.AddSingleton(_ => database);
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) =>
            ActivatorUtilities.CreateInstance<SqliteGrainStorage>(provider));
        return silo;
    }
}
