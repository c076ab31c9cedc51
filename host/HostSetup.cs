using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using HappyCommunity.Host.Api;
using HappyCommunity.Host.Audit;
using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Components;
using HappyCommunity.Host.Dashboard;
using HappyCommunity.Host.Events;
using HappyCommunity.Host.Data;
using HappyCommunity.Host.Identity;
using HappyCommunity.Host.Notifications;
using HappyCommunity.Host.Photos;
using HappyCommunity.Host.Plugins;
using HappyCommunity.Host.Residents;
using HappyCommunity.Host.Seeding;
using HappyCommunity.Host.Settings;
using HappyCommunity.PluginSdk;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace HappyCommunity.Host;

/// <summary>How the host is put together: services, pipeline, endpoints. Program.cs reads top to bottom from here.</summary>
public static class HostSetup
{
    private const string SmartScheme = "BearerOrCookie";

    public static IServiceCollection AddHappyCommunityHost(this IServiceCollection services, IConfiguration configuration, PluginCatalog catalog, ModuleStores stores)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(stores);
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        // A background job that throws (a plugin's, say) is logged and ends; it never stops the host.
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(stores.DataPath, "keys")))
            .SetApplicationName("HappyCommunity");

        services.AddDbContext<HostDbContext>(o => o.UseSqlite(stores.HostConnectionString).AddInterceptors(stores.ConnectionSetup),
            ServiceLifetime.Scoped, ServiceLifetime.Singleton);

        // Identity: accounts, lockout, password rules; bearer tokens for API clients, cookies for the web pages.
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Auth:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Auth:LockoutMinutes", 15));
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<HostDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();
        // After AddBearerToken, so that its own post-configuration has made the token format this one wraps.
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>, CacheBearerTickets>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/error/403";
            o.Cookie.Name = "hc.auth";
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, 403);
        });

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();

        services.AddRateLimiter(o =>
        {
            var permits = configuration.GetValue("Auth:RateLimitPerMinute", 30);
            o.AddPolicy(AuthEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (ctx, ct) => new ValueTask(Problems.WriteAsync(ctx.HttpContext, 429, "Too many attempts / 尝试过于频繁",
                "Too many sign-in attempts from this address. Wait a minute and try again. 请稍等一分钟再试。"));
        });

        // Errors: RFC 9457 problem details; bad input is a 400 naming the field, never a 500.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Field names as clients send them (camelCase JSON), whichever validator produced the error.
            if (ctx.ProblemDetails is HttpValidationProblemDetails validation)
            {
                var renamed = validation.Errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value);
                validation.Errors.Clear();
                foreach (var (key, value) in renamed) validation.Errors[key] = value;
            }
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddValidation();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        // Pages carry Chinese as text, not as &#x...; escapes (a third of the bytes, and readable source).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<PluginsHealthCheck>("plugins")
            .AddDbContextCheck<HostDbContext>("host-store")
            .AddCheck<ModuleStoresHealthCheck>("module-stores");

        services.AddRazorComponents();
        services.AddLocalization();

        // MediatR 5: registered by hand (no DI package fits); each plugin's handlers are added by scanning.
        services.AddTransient<ServiceFactory>(sp => sp.GetService!);
        services.AddTransient<IMediator, Mediator>();

        // The platform's own services, and what the SDK promises modules.
        services.AddSingleton<CentreDirectory>();
        services.AddHostedService<DirectoryRefresher>();
        services.AddSingleton<PermissionRegistry>();
        services.AddScoped<CentreContext>();
        services.AddScoped<ICentreContext>(sp => sp.GetRequiredService<CentreContext>());
        services.AddSingleton<ICentreScopeFactory, CentreScopeFactory>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<AccessService>();
        services.AddScoped<AuditLog>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<PermissionAdmin>();
        services.AddScoped<CentreAdmin>();
        services.AddScoped<IResidentDirectory, ResidentDirectory>();
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<ICentreMembers, CentreMembers>();
        services.AddScoped<IPhotoStore, PhotoStore>();
        services.AddScoped<ModuleSettings>();
        services.AddScoped<IModuleSettings>(sp => sp.GetRequiredService<ModuleSettings>());
        services.AddScoped<DashboardService>();
        services.AddScoped<DemoSeeder>();

        // Durable events between modules: outboxes read after each commit, handlers retried, parked, de-duplicated.
        services.Configure<EventOptions>(configuration.GetSection("Events"));
        services.AddSingleton<EventDispatcher>();
        services.AddScoped<EventDeliveries>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        return services;
    }

    private static Task ApiAware(HttpContext http, string redirectUri, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Migrates the host's store and every module's, seeds the demo district on first run, loads the directory.</summary>
    public static async Task PrepareStoresAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HappyCommunity.Startup");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        logger.LogInformation("Host store ready in {Elapsed} ms", clock.ElapsedMilliseconds);

        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        clock.Restart();
        PluginHost.Migrate(catalog, app.Services, logger);
        logger.LogInformation("Module stores ready in {Elapsed} ms", clock.ElapsedMilliseconds);
        clock.Restart();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.EnsureAdminAsync(CancellationToken.None);
            if (app.Configuration.GetValue("Seed:Demo", true))
                await seeder.SeedAsync(CancellationToken.None);
        }
        await app.Services.GetRequiredService<CentreDirectory>().ReloadAsync();
        logger.LogInformation("Seed and directory ready in {Elapsed} ms", clock.ElapsedMilliseconds);

        foreach (var plugin in catalog.All.Where(p => !p.IsRunning))
            logger.LogWarning("Plugin {PluginId} is {Status}: {Reason}", plugin.Id, plugin.Status, plugin.Reason);
    }

    public static void UseHappyCommunityPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), web => web.UseStatusCodePagesWithReExecute("/error/{0}"));

        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("zh-CN");
            o.AddSupportedCultures("zh-CN", "en");
            o.AddSupportedUICultures("zh-CN", "en");
            // Chinese unless the user chose English (query or cookie); the browser's language is not consulted.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        app.UseStaticFiles();
        foreach (var plugin in app.Services.GetRequiredService<PluginCatalog>().Running)
        {
            var wwwroot = Path.Combine(plugin.Directory, "wwwroot");
            if (Directory.Exists(wwwroot))
                app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(wwwroot), RequestPath = $"/_content/{plugin.Id}" });
        }

        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CentreGateMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    public static void MapHappyCommunityEndpoints(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HappyCommunity.Plugins");

        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("HappyCommunity API"));
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        // Liveness only: the process answers. No store is touched, so it is also the bare endpoint load tests compare with.
        app.MapGet("/health/live", () => Results.Text("Healthy")).ExcludeFromDescription();

        app.MapAuthEndpoints();
        app.MapUsersEndpoints();
        app.MapCentresEndpoints();
        app.MapPluginEndpoints();
        app.MapResidentsEndpoints();
        app.MapNotificationEndpoints();
        app.MapSettingsEndpoints();
        app.MapDashboardEndpoints();
        app.MapAuditEndpoints();
        app.MapEventEndpoints();
        app.MapWebFormEndpoints();
        PluginHost.MapEndpoints(catalog, app, logger);

        app.MapRazorComponents<App>()
            .AddAdditionalAssemblies(catalog.Running.Select(p => p.Assembly!).Distinct().ToArray());
    }

    private static Task WriteHealthAsync(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
