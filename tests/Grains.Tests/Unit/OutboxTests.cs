using OrleansSessions.Abstractions.Devices;
using OrleansSessions.Grains.Users;

namespace OrleansSessions.Grains.Tests.Unit;

/// <summary>The outbox keeps the newest delivery per destination until it arrived.</summary>
public sealed class OutboxTests
{
    private static readonly UserSummary Summary = new("local-userpass", "a@example.com", false);

    private readonly Outbox _outbox = new(new UserState());

    private static DeviceNoticeDelivery Notice(string deviceId, long version) => new(
        deviceId, new DeviceNotice("u1", version, DeviceNoticeKind.SignedIn, "s1", SessionEndReason.Logout, Summary));

    [Fact]
    public void A_newer_delivery_replaces_the_pending_one_to_its_destination()
    {
        _outbox.Put(Notice("phone", 1));
        _outbox.Put(Notice("laptop", 2));
        _outbox.Put(Notice("phone", 3));

        Assert.Equal(2, _outbox.Pending.Count);
        Assert.Equal(3, _outbox.Find<DeviceNoticeDelivery>(DeviceNoticeDelivery.DestinationOf("phone"))!.Notice.Version);
    }

    [Fact]
    public void A_delivery_leaves_once_it_arrived_unless_a_newer_one_took_its_place_meanwhile()
    {
        _outbox.Put(Notice("phone", 1));
        var sent = _outbox.Pending.Single();
        _outbox.Put(Notice("phone", 2));

        _outbox.Delivered(sent);
        Assert.False(_outbox.IsEmpty);

        _outbox.Delivered(_outbox.Pending.Single());
        Assert.True(_outbox.IsEmpty);
    }
}
