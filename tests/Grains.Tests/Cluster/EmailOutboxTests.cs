using OrleansSessions.Abstractions.Email;

namespace OrleansSessions.Grains.Tests.Cluster;

/// <summary>The email outbox: stored until sent, leased to one sender at a time, due again after a lost activation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailOutboxTests(ClusterFixture fixture)
{
    private static readonly TimeSpan LongLease = TimeSpan.FromHours(1);

    private static IEmailOutboxGrain NewShard(ClusterFixture fixture) =>
        fixture.Grains.GetGrain<IEmailOutboxGrain>(Random.Shared.Next(1000, int.MaxValue));

    private static QueuedEmail NewEmail(EmailKind kind = EmailKind.Confirmation, TimeSpan? age = null) =>
        new(Guid.NewGuid(), kind, $"user-{Guid.NewGuid():N}@example.com", $"token-{Guid.NewGuid():N}", DateTimeOffset.UtcNow - (age ?? TimeSpan.Zero));

    [Fact]
    public async Task Emails_are_leased_in_order_to_one_sender_at_a_time_and_dropped_once_sent()
    {
        var outbox = NewShard(fixture);
        var first = NewEmail();
        var second = NewEmail(EmailKind.PasswordReset);
        Assert.True(await outbox.Enqueue(first));
        Assert.True(await outbox.Enqueue(second));

        Assert.Equal([new LeasedEmail(first, 1)], await outbox.Lease(1, LongLease));
        Assert.Equal([new LeasedEmail(second, 1)], await outbox.Lease(5, LongLease));
        Assert.Empty(await outbox.Lease(5, LongLease));

        await outbox.Sent(first.Id);
        await outbox.Failed(second.Id, TimeSpan.Zero);
        Assert.Equal([new LeasedEmail(second, 2)], await outbox.Lease(5, LongLease));
        await outbox.Sent(second.Id);
        await outbox.Failed(second.Id, TimeSpan.Zero);
        Assert.Empty(await outbox.Lease(5, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_failed_email_waits_its_retry_delay_and_an_abandoned_lease_runs_out()
    {
        var outbox = NewShard(fixture);
        var failed = NewEmail();
        var abandoned = NewEmail();
        await outbox.Enqueue(failed);
        await outbox.Enqueue(abandoned);
        await outbox.Lease(1, LongLease);
        await outbox.Failed(failed.Id, TimeSpan.FromMilliseconds(300));
        Assert.Equal([new LeasedEmail(abandoned, 1)], await outbox.Lease(5, TimeSpan.FromMilliseconds(300)));
        Assert.Empty(await outbox.Lease(5, LongLease));

        await Task.Delay(400);

        Assert.Equal([failed.Id, abandoned.Id], (await outbox.Lease(5, LongLease)).Select(leased => leased.Email.Id));
    }

    [Fact]
    public async Task A_pending_email_outlives_its_activation_and_is_due_at_once_after()
    {
        var outbox = NewShard(fixture);
        var email = NewEmail();
        await outbox.Enqueue(email);
        Assert.Single(await outbox.Lease(5, LongLease));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Equal([new LeasedEmail(email, 1)], await outbox.Lease(5, LongLease));
    }

    [Fact]
    public async Task An_email_whose_token_has_expired_is_dropped_unsent()
    {
        var outbox = NewShard(fixture);
        var policy = new SessionPolicyOptions();
        await outbox.Enqueue(NewEmail(EmailKind.Confirmation, policy.ConfirmationTokenLifetime + TimeSpan.FromSeconds(1)));
        await outbox.Enqueue(NewEmail(EmailKind.PasswordReset, policy.PasswordResetTokenLifetime + TimeSpan.FromSeconds(1)));
        var fresh = NewEmail(EmailKind.PasswordReset, policy.PasswordResetTokenLifetime - TimeSpan.FromMinutes(1));
        await outbox.Enqueue(fresh);

        Assert.Equal([fresh.Id], (await outbox.Lease(5, LongLease)).Select(leased => leased.Email.Id));
    }

    [Fact]
    public async Task A_full_shard_refuses_more()
    {
        var outbox = NewShard(fixture);
        for (var i = 0; i < IEmailOutboxGrain.Capacity; i++)
        {
            Assert.True(await outbox.Enqueue(NewEmail()));
        }

        Assert.False(await outbox.Enqueue(NewEmail()));
        Assert.Equal(IEmailOutboxGrain.Capacity, (await outbox.Lease(int.MaxValue, LongLease)).Count);
    }
}
