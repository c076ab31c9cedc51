using HappyCommunity.PluginSdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HappyCommunity.Modules.Volunteers.Features;

/// <summary>Every minute (<c>Modules:volunteers:WatchSeconds</c>), in each centre with the module on: reminders, and help tasks that ran out of time.</summary>
public sealed class VolunteerWatch(ICentreScopeFactory centres, IConfiguration configuration, ILogger<VolunteerWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = Math.Max(1, configuration.GetValue("Modules:volunteers:WatchSeconds", 60));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (var centre in centres.CentresWithModule(VolunteerSettings.Module))
        {
            try
            {
                await using var scope = centres.CreateScope(centre);
                var service = scope.ServiceProvider.GetRequiredService<VolunteerService>();
                await service.ExpireHelpTasksAsync(ct);
                await service.SendRemindersAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The volunteers watch failed for centre {Centre}", centre.Slug);
            }
        }
    }
}
