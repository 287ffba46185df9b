using System.Collections.Concurrent;
using OrleansSessions.Gateway.Email;
using OrleansSessions.Gateway.Tokens;

namespace OrleansSessions.Http.Tests;

/// <summary>An email sender that keeps what it would send, so tests can read the tokens.</summary>
public sealed class CapturedEmails : IEmailSender
{
    private readonly ConcurrentDictionary<string, string> _confirmations = new();
    private readonly ConcurrentDictionary<string, string> _resets = new();

    public string? ConfirmationTokenOf(string email) => _confirmations.GetValueOrDefault(email);

    public string? ResetTokenOf(string email) => _resets.GetValueOrDefault(email);

    public Task SendConfirmationAsync(string email, AccountToken token)
    {
        _confirmations[email] = token.ToString();
        return Task.CompletedTask;
    }

    public Task SendPasswordResetAsync(string email, AccountToken token)
    {
        _resets[email] = token.ToString();
        return Task.CompletedTask;
    }
}
