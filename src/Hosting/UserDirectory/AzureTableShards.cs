namespace OrleansSessions.Hosting.UserDirectory;

/// <summary>
/// The partitions of the Azure Table directory that hold users' own entities (<c>user-{userId}</c>), counted devices
/// (<c>device-{deviceId}</c>) and counters (<c>counter-{name}</c>): 16, chosen by the user or device id, so that
/// concurrent writers seldom meet on one counter entity.
/// </summary>
internal static class AzureTableShards
{
    public const string EntryProperty = "Entry";
    public const string PendingRowsProperty = "PendingRows";
    public const string VersionProperty = "Version";
    public const string NextProperty = "Next";
    public const string DoneProperty = "Done";
    public const string CountProperty = "Count";

    private const int Count = 16;
    private const string CounterPrefix = "counter-";
    private const string DevicePrefix = "device-";

    public static IEnumerable<string> All => Enumerable.Range(0, Count).Select(Name);

    public static string Of(string id) => Name(id.Aggregate(0, (hash, c) => (hash * 31) + c) & (Count - 1));

    public static string UserRow(string userId) => "user-" + userId;

    public static string DeviceRow(string deviceId) => DevicePrefix + deviceId;

    public static bool IsDeviceRow(string rowKey) => rowKey.StartsWith(DevicePrefix, StringComparison.Ordinal);

    public static string CounterRow(string name) => CounterPrefix + name;

    public static string CounterName(string rowKey) => rowKey[CounterPrefix.Length..];

    private static string Name(int shard) => $"shard-{shard:x2}";
}
