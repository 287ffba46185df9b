namespace OrleansSessions.Grains.UserDirectory;

/// <summary>The counters whose names lie strictly between <paramref name="After"/> and <paramref name="Before"/>.</summary>
public sealed record CounterRange(string After, string Before);
