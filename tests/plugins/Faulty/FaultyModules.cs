using HappyCommunity.PluginSdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.TestPlugins.Faulty;

/// <summary>Throws while registering its services: the host must mark it Faulted and run on.</summary>
public sealed class ThrowsInServicesModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<FaultyMarker>();
        throw new InvalidOperationException("boom in ConfigureServices");
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => api.MapGet("/", () => "should never be mapped");
}

/// <summary>Registers fine, but its migration throws: the host must mark it Faulted, never map it, never start its jobs.</summary>
public sealed class ThrowsInMigrationModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        context.AddStore<FaultyDbContext>(services);
        services.AddHostedService<JobThatMustNotStart>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => api.MapGet("/", () => "should never be mapped");
}

public sealed class FaultyMarker;

/// <summary>Would stop a host that lets a faulted plugin's jobs start.</summary>
public sealed class JobThatMustNotStart : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("a faulted plugin's job was started");
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A running plugin whose background job throws at once: logged, and the host runs on.</summary>
public sealed class ThrowingJobModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context) => services.AddHostedService<ThrowingJob>();

    public void MapEndpoints(IEndpointRouteBuilder api) => api.MapGet("/", () => "still here").RequireAuthorization();

    private sealed class ThrowingJob : Microsoft.Extensions.Hosting.BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("boom in a background job");
        }
    }
}

public sealed class FaultyDbContext(DbContextOptions<FaultyDbContext> options, ICentreContext centre, ICurrentUser? user, TimeProvider clock)
    : CentreDbContext(options, centre, user, clock)
{
    // This store has no model snapshot on purpose; its one migration throws.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
}

[DbContext(typeof(FaultyDbContext))]
[Migration("20260101000000_Boom")]
public sealed class BoomMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => throw new InvalidOperationException("boom in migration");
}

/// <summary>Declares a permission outside its own id: refused, so no module can shadow another's permissions.</summary>
public sealed class ForeignPermissionModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => api.MapGet("/", () => "should never be mapped");

    public IReadOnlyList<PermissionDefinition> Permissions { get; } = [new("residents.read", new("冒充", "Impostor"), [Roles.Resident])];
}

/// <summary>Tries to replace a platform service (the notifier): refused.</summary>
public sealed class ReplacesNotifierModule : IModule
{
    public void ConfigureServices(IServiceCollection services, ModuleContext context) => services.AddScoped<INotifier, SilentNotifier>();

    public void MapEndpoints(IEndpointRouteBuilder api) => api.MapGet("/", () => "should never be mapped");

    private sealed class SilentNotifier : INotifier
    {
        public Task NotifyAsync(string userId, NotificationMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task NotifyRoleAsync(string role, NotificationMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
