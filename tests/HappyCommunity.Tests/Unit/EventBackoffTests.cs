using HappyCommunity.Host.Events;

namespace HappyCommunity.Tests.Unit;

public sealed class EventBackoffTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(6, 160)]
    [InlineData(9, 600)] // 1,280 s uncapped: held at the maximum
    [InlineData(40, 600)]
    public void Retries_back_off_doubling_from_the_base_up_to_the_maximum_with_a_fifth_of_jitter(int attempts, double seconds)
    {
        var options = new EventOptions { RetryBaseSeconds = 5, RetryMaxSeconds = 600 };
        var delays = Enumerable.Range(0, 200).Select(_ => options.Backoff(attempts).TotalSeconds).ToList();
        Assert.All(delays, d => Assert.InRange(d, seconds * 0.8, seconds * 1.2));
        Assert.True(delays.Distinct().Count() > 1, "no jitter: instances retrying together would stay in step");
    }
}
