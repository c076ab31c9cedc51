using HappyCommunity.PluginSdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HappyCommunity.Modules.Repair.Features;

/// <summary>
/// Runs the deadline watch for every centre with Repairs on, every minute (Modules:repair:WatchSeconds). The pace is
/// real time; what time it is comes from <see cref="TimeProvider"/>, so a test that moves the clock sees the next pass act.
/// </summary>
public sealed class DeadlineWatch(ICentreScopeFactory scopes, IConfiguration configuration, ILogger<DeadlineWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Modules:repair:WatchSeconds", 60);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, seconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await RunOnceAsync(stoppingToken);
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var centre in scopes.CentresWithModule(RepairSettings.Module))
        {
            try
            {
                await using var scope = scopes.CreateScope(centre);
                var changed = await scope.ServiceProvider.GetRequiredService<RepairService>().WatchDeadlinesAsync(ct);
                if (changed > 0)
                    logger.LogInformation("Deadline watch changed {Count} repair request(s) at {Centre}", changed, centre.Slug);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Deadline watch failed at {Centre}", centre.Slug);
            }
        }
    }
}
