using Microsoft.Extensions.Options;
using OrleansSessions.Gateway.Settings;

namespace OrleansSessions.Gateway.Email;

public static class EmailServices
{
    /// <summary>
    /// Adds the account emails: settings checked at start-up, the outbox sender and its dispatcher, and the
    /// transport (the pickup directory when set, else SMTP; in Development, with neither set, the pickup directory
    /// <see cref="EmailOptions.DevelopmentPickupDirectory"/>). A gateway that requires email confirmation but has no
    /// way to send email refuses to start, since nobody could ever confirm an account.
    /// </summary>
    public static IServiceCollection AddSessionsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .PostConfigure<IHostEnvironment>((email, environment) =>
            {
                if (environment.IsDevelopment() && !email.CanSend)
                {
                    email.PickupDirectory = EmailOptions.DevelopmentPickupDirectory;
                }
            })
            .ValidateDataAnnotations()
            .Validate(
                email => email.CanSend || !RequiresConfirmation(configuration),
                "Sessions:RequireEmailConfirmation is on, but no email can be sent, so no account could ever be confirmed: "
                + "set Sessions:Email:Smtp:Host (an SMTP server) or Sessions:Email:PickupDirectory (a directory the emails are written to)")
            .ValidateOnStart();
        services.AddSingleton<AccountEmails>();
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailDispatcher>());
        services.AddSingleton<IEmailTransport>(provider =>
            string.IsNullOrEmpty(provider.GetRequiredService<IOptions<EmailOptions>>().Value.PickupDirectory)
                ? ActivatorUtilities.CreateInstance<SmtpTransport>(provider)
                : ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(provider));
        services.AddSingleton<IEmailSender>(provider =>
            provider.GetRequiredService<IOptions<EmailOptions>>().Value.CanSend
                ? ActivatorUtilities.CreateInstance<OutboxEmailSender>(provider)
                : ActivatorUtilities.CreateInstance<NoEmailSender>(provider));
        return services;
    }

    /// <summary>
    /// Read from the configuration, not from <see cref="SessionsOptions"/>, so that an invalid Sessions setting is
    /// reported once, by its own check.
    /// </summary>
    private static bool RequiresConfirmation(IConfiguration configuration) =>
        bool.TryParse(configuration[$"{SessionsOptions.Section}:{nameof(SessionsOptions.RequireEmailConfirmation)}"], out var required) && required;
}
