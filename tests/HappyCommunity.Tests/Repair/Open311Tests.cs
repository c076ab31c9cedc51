using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HappyCommunity.Tests.Infrastructure;

namespace HappyCommunity.Tests.Repair;

/// <summary>Open311 GeoReport v2 shapes, as the spec's examples show them, with keys per client and per centre.</summary>
[Collection(RepairHostCollection.Name)]
public sealed partial class Open311Tests(RepairHost host)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")]
    private static partial Regex W3DateTime();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static void AssertError(JsonElement errors, int code)
    {
        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_client_lists_services_files_a_request_with_its_key_and_follows_it()
    {
        var world = await RepairWorld.CreateAsync(host, "huaxincun", workers: 1);
        var anonymous = host.CreateClient();
        var prefix = "/open311/v2/huaxincun";

        var services = await Json(await anonymous.GetAsync($"{prefix}/services.json"), HttpStatusCode.OK);
        var plumbing = services.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "plumbing");
        foreach (var field in new[] { "service_name", "description", "type", "keywords", "group" })
            Assert.Equal(JsonValueKind.String, plumbing.GetProperty(field).ValueKind);
        Assert.False(plumbing.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", plumbing.GetProperty("type").GetString());
        var definition = await Json(await anonymous.GetAsync($"{prefix}/services/plumbing.json"), HttpStatusCode.OK);
        Assert.Equal("plumbing", definition.GetProperty("service_code").GetString());
        Assert.Equal(0, definition.GetProperty("attributes").GetArrayLength());
        AssertError(await Json(await anonymous.GetAsync($"{prefix}/services/nothing.json"), HttpStatusCode.NotFound), 404);

        var form = new Dictionary<string, string> { ["service_code"] = "plumbing", ["description"] = "3号楼门口水管爆了", ["address_string"] = "3号楼门口", ["phone"] = "13900000000", ["first_name"] = "明", ["last_name"] = "李" };
        AssertError(await Json(await anonymous.PostAsync($"{prefix}/requests.json", new FormUrlEncodedContent(form)), HttpStatusCode.Forbidden), 403);

        var issued = await HttpAssert.JsonAsync(await world.CentreAdmin.Client.PostAsJsonAsync($"{world.Api}/open311-clients", new { name = "街道热线" }), HttpStatusCode.Created);
        var key = issued.GetProperty("apiKey").GetString()!;
        form["api_key"] = key;

        var created = await Json(await anonymous.PostAsync($"{prefix}/requests.json", new FormUrlEncodedContent(form)), HttpStatusCode.OK);
        var receipt = Assert.Single(created.EnumerateArray());
        var id = receipt.GetProperty("service_request_id").GetString()!;
        Assert.True(receipt.TryGetProperty("service_notice", out _));
        Assert.True(receipt.TryGetProperty("account_id", out _));

        var missing = new Dictionary<string, string>(form);
        missing.Remove("service_code");
        AssertError(await Json(await anonymous.PostAsync($"{prefix}/requests.json", new FormUrlEncodedContent(missing)), HttpStatusCode.BadRequest), 400);

        var one = await Json(await anonymous.GetAsync($"{prefix}/requests/{id}.json?api_key={key}"), HttpStatusCode.OK);
        var request = Assert.Single(one.EnumerateArray());
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("plumbing", request.GetProperty("service_code").GetString());
        Assert.Matches(W3DateTime(), request.GetProperty("requested_datetime").GetString());
        Assert.Matches(W3DateTime(), request.GetProperty("expected_datetime").GetString());
        foreach (var field in new[] { "status_notes", "service_name", "description", "agency_responsible", "service_notice", "updated_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url" })
            Assert.True(request.TryGetProperty(field, out _), $"missing {field}");
        Assert.DoesNotContain("13900000000", one.ToString()); // no phone numbers out through Open311

        var list = await Json(await anonymous.GetAsync($"{prefix}/requests.json?api_key={key}&status=open&service_code=plumbing"), HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
        AssertError(await Json(await anonymous.GetAsync($"{prefix}/requests.json"), HttpStatusCode.Forbidden), 403);
        AssertError(await Json(await anonymous.GetAsync($"{prefix}/requests.json?api_key={key}&status=maybe"), HttpStatusCode.BadRequest), 400);

        // The request is a real one: staff see it, dispatched, with the client's caller as contact.
        var staffView = await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK);
        Assert.Equal("assigned", staffView.GetProperty("status").GetString());
        Assert.Equal("李明", staffView.GetProperty("contactName").GetString());

        // A key works only at its own centre, and not once revoked.
        await host.SetModuleAsync("fengxi", "repair", true);
        AssertError(await Json(await anonymous.GetAsync($"/open311/v2/fengxi/requests.json?api_key={key}"), HttpStatusCode.Forbidden), 403);
        AssertError(await Json(await anonymous.PostAsync("/open311/v2/fengxi/requests.json", new FormUrlEncodedContent(form)), HttpStatusCode.Forbidden), 403);
        await HttpAssert.JsonAsync(await world.CentreAdmin.Client.DeleteAsync($"{world.Api}/open311-clients/{issued.GetProperty("id").GetInt32()}"), HttpStatusCode.NoContent);
        AssertError(await Json(await anonymous.GetAsync($"{prefix}/requests/{id}.json?api_key={key}"), HttpStatusCode.Forbidden), 403);
    }

    [Fact]
    public async Task Open311_answers_404_where_Repairs_is_off_or_the_centre_is_unknown()
    {
        var anonymous = host.CreateClient();
        await host.SetModuleAsync("zhangyan", "repair", false);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/open311/v2/zhangyan/services.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/open311/v2/atlantis/services.json")).StatusCode);
    }
}
