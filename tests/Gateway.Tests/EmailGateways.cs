namespace OrleansSessions.Gateway.Tests;

/// <summary>
/// A gateway that requires email confirmation and sends its emails to a real SMTP server in the test process, which
/// a test may stop and start again (an outage).
/// </summary>
public sealed class SmtpGateway : GatewayHost
{
    public SmtpMailbox Smtp => (SmtpMailbox)Emails;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Sessions:RequireEmailConfirmation"] = "true",
        ["Sessions:Email:From"] = "Sessions Tests <sessions@tests.example>",
    };

    protected override Mailbox NewMailbox() => new SmtpMailbox(NoteSecret);

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        await base.InitializeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SmtpGatewayCollection : ICollectionFixture<SmtpGateway>
{
    public const string Name = "SMTP gateway";
}
