using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>
/// Registers <see cref="AzureTableGrainStorage"/> on a silo, with the same methods as
/// Microsoft.Orleans.Persistence.AzureStorage.
/// </summary>
public static class AzureTableSiloBuilderExtensions
{
    /// <summary>Uses Azure Table storage as the silo's default grain storage.</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<AzureTableStorageOptions> configureOptions) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds an Azure Table grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<AzureTableStorageOptions> configureOptions) =>
        builder.AddAzureTableGrainStorage(name, optionsBuilder => optionsBuilder.Configure(configureOptions));

    /// <summary>Uses Azure Table storage as the silo's default grain storage, configured through an options builder.</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<AzureTableStorageOptions>>? configureOptions = null) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds an Azure Table grain storage named <paramref name="name"/>, configured through an options builder.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<AzureTableStorageOptions>>? configureOptions = null)
    {
        var services = builder.Services;
        configureOptions?.Invoke(services.AddOptions<AzureTableStorageOptions>(name));
        services.AddTransient<IPostConfigureOptions<AzureTableStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<AzureTableStorageOptions>>();
        services.AddTransient<IConfigurationValidator>(provider =>
            new AzureTableStorageOptionsValidator(provider.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(name), name));
        services.ConfigureNamedOptionForLogging<AzureTableStorageOptions>(name);
        services.AddGrainStorage(name, (provider, providerName) => ActivatorUtilities.CreateInstance<AzureTableGrainStorage>(
            provider,
            providerName,
            provider.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(providerName),
            provider.GetProviderClusterOptions(providerName)));
        return builder;
    }
}
