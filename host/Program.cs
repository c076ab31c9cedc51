using Autofac.Extensions.DependencyInjection;
using HappyCommunity.Host;
using HappyCommunity.Host.Plugins;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseServiceProviderFactory(new AutofacServiceProviderFactory());

// Plugins are discovered, loaded and registered before the container is built; each failure stays with its plugin.
var dataPath = Path.GetFullPath(builder.Configuration["Data:Path"] ?? "data", builder.Environment.ContentRootPath);
var pluginsPath = Path.GetFullPath(builder.Configuration["Plugins:Path"] ?? "plugins", AppContext.BaseDirectory);
using var bootLogging = LoggerFactory.Create(b => b.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole());
var stores = new ModuleStores(dataPath, SqliteConnectionSetup.ReadFullSync(builder.Configuration["Data:Synchronous"]));
var catalog = new PluginCatalog(PluginDiscovery.Discover(pluginsPath, PluginDiscovery.HostSdkVersion), pluginsPath);
builder.Services.AddHappyCommunityHost(builder.Configuration, catalog, stores);
PluginHost.LoadAndConfigure(catalog, builder.Services, builder.Configuration, stores, bootLogging.CreateLogger("HappyCommunity.Plugins"));

var app = builder.Build();
await app.PrepareStoresAsync();
app.UseHappyCommunityPipeline();
app.MapHappyCommunityEndpoints();
await app.RunAsync();

/// <summary>The host's entry point (public for the test host).</summary>
public partial class Program;
