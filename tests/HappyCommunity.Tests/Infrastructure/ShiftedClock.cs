namespace HappyCommunity.Tests.Infrastructure;

/// <summary>Real time, plus however far a test has moved it on: time keeps flowing (for browsers and timers), and a test can skip ahead.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
