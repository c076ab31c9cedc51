using System.Reflection;
using HappyCommunity.PluginSdk;
using McMaster.NETCore.Plugins;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace HappyCommunity.Host.Plugins;

/// <summary>
/// Loads, configures, migrates and maps the discovered plugins. Every step is guarded: a plugin that throws is
/// marked <see cref="PluginStatus.Faulted"/> with the reason and left out, and the host goes on without it.
/// </summary>
public static class PluginHost
{
    /// <summary>Loads each plugin into its own load context and registers its services in the host's container.</summary>
    public static void LoadAndConfigure(PluginCatalog catalog, IServiceCollection services, IConfiguration configuration, ModuleStores stores, ILogger logger)
    {
        foreach (var plugin in catalog.All)
        {
            PluginDiscovery.PropagateFailures(catalog.All);
            if (!plugin.IsRunning) continue;
            try
            {
                Load(plugin);
            }
            catch (Exception ex)
            {
                plugin.Fail(PluginStatus.Faulted, $"Loading failed: {Describe(ex)}");
                logger.LogError(ex, "Plugin {PluginId} failed to load", plugin.Id);
                continue;
            }

            // Register into a scratch collection first, so a module that throws half-way leaves nothing behind.
            var scratch = new ServiceCollection();
            try
            {
                plugin.Module!.ConfigureServices(scratch, new HostModuleContext(plugin, configuration, stores));
                RegisterConventions(scratch, plugin.Assembly!);
            }
            catch (Exception ex)
            {
                plugin.Fail(PluginStatus.Faulted, $"ConfigureServices threw: {Describe(ex)}");
                logger.LogError(ex, "Plugin {PluginId} failed while registering its services", plugin.Id);
                continue;
            }
            try
            {
                CheckDeclarations(plugin);
                CheckNoPlatformServiceReplaced(scratch);
            }
            catch (Exception ex)
            {
                plugin.Fail(PluginStatus.Faulted, $"Refused: {Describe(ex)}");
                logger.LogError(ex, "Plugin {PluginId} declares what it may not", plugin.Id);
                continue;
            }

            foreach (var descriptor in scratch)
                if (descriptor.ServiceType.IsGenericType && descriptor.ServiceType.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>)
                    && descriptor.ImplementationType is { } handlerType && !plugin.EventHandlers.Contains((descriptor.ServiceType.GetGenericArguments()[0], handlerType)))
                    plugin.EventHandlers.Add((descriptor.ServiceType.GetGenericArguments()[0], handlerType));
            foreach (var descriptor in scratch)
                services.Add(descriptor.ServiceType == typeof(IHostedService) ? GuardHostedService(plugin, descriptor) : descriptor);
            logger.LogInformation("Plugin {PluginId} {Version} loaded from {Directory}", plugin.Id, plugin.Version, plugin.Directory);
        }
        PluginDiscovery.PropagateFailures(catalog.All);
    }

    private static void Load(PluginRecord plugin)
    {
        var manifest = plugin.Manifest!;
        var assemblyPath = Path.GetFullPath(Path.Combine(plugin.Directory, manifest.Assembly));
        // Shared: the SDK and everything the host itself has (ASP.NET Core, EF Core, MediatR, Autofac).
        // Private: whatever else the plugin brings, from its own folder, in its own load context.
        plugin.Loader = PluginLoader.CreateFromAssemblyFile(assemblyPath,
            sharedTypes: [typeof(IModule), typeof(IMediator), typeof(DbContext), typeof(IServiceCollection)],
            configure: config => config.PreferSharedTypes = true);
        plugin.Assembly = plugin.Loader.LoadDefaultAssembly();

        var informational = plugin.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        if (informational is not null && NuGet.Versioning.NuGetVersion.TryParse(informational, out var built) && built != plugin.Version)
            throw new InvalidOperationException($"plugin.json says version {plugin.Version} but the assembly is version {built}.");

        Type[] types;
        try
        {
            types = plugin.Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new InvalidOperationException(
                "Some of its types could not be loaded: " + string.Join("; ", ex.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct()), ex);
        }

        var candidates = types.Where(t => typeof(IModule).IsAssignableFrom(t) && t is { IsPublic: true, IsAbstract: false, IsInterface: false }).ToList();
        if (manifest.ModuleType is { } typeName)
            candidates = candidates.Where(t => t.FullName == typeName).ToList();
        plugin.Module = candidates.Count switch
        {
            1 => (IModule)Activator.CreateInstance(candidates[0])!,
            0 => throw new InvalidOperationException(manifest.ModuleType is null
                ? $"{manifest.Assembly} has no public class implementing IModule."
                : $"{manifest.Assembly} has no IModule class named {manifest.ModuleType}."),
            _ => throw new InvalidOperationException(
                $"{manifest.Assembly} has several IModule classes ({string.Join(", ", candidates.Select(c => c.FullName))}); name one in 'moduleType'."),
        };
    }

    /// <summary>
    /// A plugin's background services start only if the plugin is running by then (it may fault while migrating),
    /// and one that throws is logged and stopped without stopping the host.
    /// </summary>
    private static ServiceDescriptor GuardHostedService(PluginRecord plugin, ServiceDescriptor descriptor) =>
        ServiceDescriptor.Singleton<IHostedService>(sp => new PluginHostedService(plugin, () => descriptor switch
        {
            { ImplementationInstance: IHostedService instance } => instance,
            { ImplementationFactory: { } factory } => (IHostedService)factory(sp),
            _ => (IHostedService)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!),
        }, sp.GetRequiredService<ILoggerFactory>().CreateLogger("HappyCommunity.Plugins")));

    private sealed class PluginHostedService(PluginRecord plugin, Func<IHostedService> create, ILogger logger) : IHostedService
    {
        private IHostedService? _inner;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!plugin.IsRunning) return;
            try
            {
                _inner = create();
                await _inner.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A background service of plugin {PluginId} failed to start; the host runs on without it", plugin.Id);
                _inner = null;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => _inner?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>A module's permissions carry its id as prefix (so no two modules can clash), and its declarations read.</summary>
    private static void CheckDeclarations(PluginRecord plugin)
    {
        var module = plugin.Module!;
        foreach (var permission in module.Permissions)
            if (!permission.Name.StartsWith(plugin.Id + ".", StringComparison.Ordinal))
                throw new InvalidOperationException($"The permission '{permission.Name}' must start with the module id: '{plugin.Id}.'.");
        foreach (var item in module.Navigation)
            if (item.Permission is { } needed && module.Permissions.All(p => p.Name != needed))
                throw new InvalidOperationException($"The navigation entry '{item.Path}' needs the undeclared permission '{needed}'.");
        if (module.Settings.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new InvalidOperationException($"The setting '{duplicate.Key}' is declared twice.");
    }

    /// <summary>The SDK's contracts are the platform's to implement; a plugin adds providers and handlers, never replaces them.</summary>
    private static void CheckNoPlatformServiceReplaced(IServiceCollection services)
    {
        var sdk = typeof(IModule).Assembly;
        foreach (var descriptor in services)
        {
            var type = descriptor.ServiceType.IsGenericType ? descriptor.ServiceType.GetGenericTypeDefinition() : descriptor.ServiceType;
            if (type.Assembly == sdk && type != typeof(IDashboardFigureProvider) && type != typeof(IIntegrationEventHandler<>))
                throw new InvalidOperationException($"It registers {type.Name}, which only the host may provide.");
        }
    }

    /// <summary>Conventions: MediatR handlers and integration event handlers are found by scanning (Scrutor).</summary>
    private static void RegisterConventions(IServiceCollection services, Assembly assembly)
    {
        services.Scan(scan => scan.FromAssemblies(assembly)
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithTransientLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IIntegrationEventHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());
    }

    /// <summary>Runs each running plugin's migrations, dependencies first, before anything is served.</summary>
    public static void Migrate(PluginCatalog catalog, IServiceProvider services, ILogger logger)
    {
        foreach (var plugin in catalog.All)
        {
            PluginDiscovery.PropagateFailures(catalog.All);
            if (!plugin.IsRunning) continue;
            foreach (var storeType in plugin.StoreTypes)
            {
                try
                {
                    using var scope = services.CreateScope();
                    var db = (DbContext)scope.ServiceProvider.GetRequiredService(storeType);
                    db.Database.Migrate();
                    if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
                        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
                    // The event inbox is the platform's, not the module's: kept out of module migrations, so that
                    // plugins built against an older SDK get it too.
                    db.Database.ExecuteSqlRaw(Events.EventInbox.CreateTableSql);
                }
                catch (Exception ex)
                {
                    plugin.Fail(PluginStatus.Faulted, $"Migrating {storeType.Name} failed: {Describe(ex)}");
                    logger.LogError(ex, "Plugin {PluginId} failed to migrate {Store}", plugin.Id, storeType.Name);
                    break;
                }
            }
        }
        PluginDiscovery.PropagateFailures(catalog.All);
    }

    /// <summary>Maps each running plugin's endpoints under <c>/api/c/{centre}/{id}</c>, gated and open to centre members only.</summary>
    public static void MapEndpoints(PluginCatalog catalog, IEndpointRouteBuilder app, ILogger logger)
    {
        foreach (var plugin in catalog.Running.ToList())
        {
            try
            {
                var group = app.MapGroup($"/api/c/{{centre}}/{plugin.Id}")
                    .WithMetadata(new ModuleEndpointMetadata(plugin.Id))
                    .WithTags(plugin.Manifest!.Name?.En ?? plugin.Id)
                    .RequireAuthorization();
                plugin.Module!.MapEndpoints(group);

                // Standard-protocol routes (Open311, say): gated per centre, but the module authenticates the caller.
                var open = app.MapGroup("")
                    .WithMetadata(new ModuleEndpointMetadata(plugin.Id), new PublicCentreEndpointMetadata())
                    .WithTags(plugin.Manifest!.Name?.En ?? plugin.Id);
                plugin.Module!.MapPublicEndpoints(open);
            }
            catch (Exception ex)
            {
                plugin.Fail(PluginStatus.Faulted, $"MapEndpoints threw: {Describe(ex)}");
                logger.LogError(ex, "Plugin {PluginId} failed to map its endpoints", plugin.Id);
            }
        }
        PluginDiscovery.PropagateFailures(catalog.All);
    }

    private static string Describe(Exception ex)
    {
        var inner = ex;
        while (inner is TargetInvocationException { InnerException: not null } || (inner.InnerException is not null && inner is TypeInitializationException))
            inner = inner.InnerException!;
        var text = $"{inner.GetType().Name}: {inner.Message}";
        if (inner.InnerException is { } cause && cause.Message != inner.Message)
            text += $" ({cause.Message})";
        return text;
    }

    private sealed class HostModuleContext(PluginRecord plugin, IConfiguration configuration, ModuleStores stores) : ModuleContext
    {
        public override PluginManifest Manifest => plugin.Manifest!;
        public override IConfiguration Configuration => configuration;
        public override string PluginDirectory => plugin.Directory;
        public override string DataDirectory => stores.ModuleDataDirectory(plugin.Id);

        public override void AddStore<TContext>(IServiceCollection services)
        {
            var moduleId = plugin.Id;
            // Options built once (singleton), not per request: EF Core then finds its internal services in its cache at
            // once instead of comparing a fresh set of options on every scope.
            services.AddDbContext<TContext>(options => stores.Configure(options, moduleId), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
            plugin.StoreTypes.Add(typeof(TContext));
        }
    }
}

/// <summary>Marks an endpoint as belonging to a module, so the gate can switch it off per centre.</summary>
public sealed record ModuleEndpointMetadata(string ModuleId);

/// <summary>Marks a module endpoint mapped through <c>IModule.MapPublicEndpoints</c>: the gate resolves the centre and checks
/// the module is on there, but leaves authenticating the caller to the module.</summary>
public sealed record PublicCentreEndpointMetadata;
