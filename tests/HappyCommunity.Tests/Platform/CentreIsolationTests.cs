using System.Net;
using System.Text;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace HappyCommunity.Tests.Platform;

/// <summary>Walks every centre route the host has (its own and every plugin's) and calls it as a user of another centre.</summary>
[Collection(StandardHostCollection.Name)]
public sealed class CentreIsolationTests(StandardHost host)
{
    private const string Victim = "xintangpu";
    private const string Outsider = "yingzhong";

    private IReadOnlyList<(string Method, string Path)> CentreRoutes()
    {
        var sources = host.Services.GetServices<EndpointDataSource>();
        var routes = new List<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText is not { } raw || !raw.TrimStart('/').StartsWith("api/c/{centre}", StringComparison.OrdinalIgnoreCase))
                continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
                routes.Add((method, Fill(pattern)));
        }
        return routes.Distinct().ToList();
    }

    private static string Fill(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart { Name: "centre" } => Victim,
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(x => x.Content == "int" || x.Content == "long") => "1",
                    RoutePatternParameterPart => Guid.NewGuid().ToString(),
                    _ => "",
                });
        }
        return path.ToString();
    }

    [Fact]
    public void The_walk_finds_the_routes_of_the_host_and_of_plugins()
    {
        var routes = CentreRoutes();
        Assert.Contains(routes, r => r.Path == $"/api/c/{Victim}/residents");
        Assert.Contains(routes, r => r.Path == $"/api/c/{Victim}/notices" && r.Method == "POST");
        Assert.Contains(routes, r => r.Path == $"/api/c/{Victim}/humanizer-one");
        Assert.Contains(routes, r => r.Path.StartsWith($"/api/c/{Victim}/repair/requests/1/", StringComparison.Ordinal) && r.Method == "POST");
        Assert.Contains(routes, r => r.Path == $"/api/c/{Victim}/volunteers/activities/1/signups" && r.Method == "POST");
        Assert.True(routes.Count >= 10, $"only {routes.Count} centre routes found");
    }

    [Theory]
    [InlineData("resident")]
    [InlineData("staff")]
    [InlineData("centre-admin")]
    public async Task No_centre_route_serves_another_centres_user(string role)
    {
        await host.SetModuleAsync(Victim, "notices", true);
        await host.SetModuleAsync(Victim, "humanizer-one", true);
        await host.SetModuleAsync(Victim, "repair", true);
        await host.SetModuleAsync(Victim, "humanizer-two", true);
        await host.SetModuleAsync(Victim, "volunteers", true);
        var (_, _, outsider) = await host.UserAsync(Outsider, role);

        var leaks = new List<string>();
        foreach (var (method, path) in CentreRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
                request.Content = new StringContent("{\"name\":\"x\",\"title\":\"xx\",\"body\":\"xx\",\"value\":\"1\"}", Encoding.UTF8, "application/json");
            var response = await outsider.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                leaks.Add($"{method} {path} -> {(int)response.StatusCode}");
        }
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task The_same_routes_do_serve_the_centres_own_staff()
    {
        await host.SetModuleAsync(Victim, "notices", true);
        var (_, _, staff) = await host.UserAsync(Victim, "staff");
        await HttpAssert.JsonAsync(await staff.GetAsync($"/api/c/{Victim}/residents"), HttpStatusCode.OK);
        await HttpAssert.JsonAsync(await staff.GetAsync($"/api/c/{Victim}/notices"), HttpStatusCode.OK);
    }
}
