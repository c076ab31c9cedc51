using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HappyCommunity.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;

namespace HappyCommunity.Tests.Repair;

/// <summary>The photo service through the repair API: content decides, metadata is gone, limits hold, access is checked.</summary>
[Collection(RepairHostCollection.Name)]
public sealed class RepairPhotoTests(RepairHost host)
{
    private static MultipartFormDataContent Form(string description, params (string Name, byte[] Bytes, string ContentType)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(description), "description" }, { new StringContent("5"), "location.building" } };
        foreach (var (name, bytes, type) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(content, "photos", name);
        }
        return form;
    }

    [Fact]
    public async Task A_phone_photo_is_stored_upright_shrunk_and_without_GPS_and_served_only_to_those_who_may_see_the_request()
    {
        var world = await RepairWorld.CreateAsync(host, "xinyi", workers: 1);
        var original = TestImages.PhoneJpeg();
        var originalMeta = ImageMetadataReader.ReadMetadata(new MemoryStream(original));
        var where = originalMeta.OfType<GpsDirectory>().Single().GetGeoLocation();
        Assert.NotNull(where); // the test photo must carry GPS
        Assert.InRange(where.Latitude, 31.1, 31.2);

        var created = await HttpAssert.JsonAsync(await world.Resident.Client.PostAsync($"{world.Api}/requests",
            Form("墙上渗水", ("IMG_0001.JPG", original, "image/jpeg"))), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        var detail = await HttpAssert.JsonAsync(await world.Resident.Client.GetAsync($"{world.Api}/requests/{id}"), HttpStatusCode.OK);
        var photo = detail.GetProperty("photos")[0];

        var served = await world.Resident.Client.GetAsync(photo.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var meta = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
        Assert.Empty(meta.OfType<GpsDirectory>());
        Assert.Empty(meta.OfType<ExifIfd0Directory>());
        var header = meta.OfType<JpegDirectory>().Single();
        // 3000 × 2000 turned upright by orientation 6 is 2000 × 3000; shrunk to 2048 on the long side.
        Assert.Equal(2048, header.GetImageHeight());
        Assert.Equal(1365, header.GetImageWidth());

        var thumb = await world.Resident.Client.GetAsync(photo.GetProperty("thumbnailUrl").GetString());
        var thumbHeader = ImageMetadataReader.ReadMetadata(new MemoryStream(await thumb.Content.ReadAsByteArrayAsync())).OfType<JpegDirectory>().Single();
        Assert.Equal(320, thumbHeader.GetImageHeight());

        // Staff may see it; another resident of the centre may not, nor may anyone of another centre.
        Assert.Equal(HttpStatusCode.OK, (await world.Workers[0].Client.GetAsync(photo.GetProperty("url").GetString())).StatusCode);
        var (_, _, neighbour) = await host.UserAsync("xinyi", "resident");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(photo.GetProperty("url").GetString())).StatusCode);
        var (_, _, outsider) = await host.UserAsync("songshan", "property-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(photo.GetProperty("url").GetString())).StatusCode);

        // Nothing under the data folder is named after the upload.
        var files = System.IO.Directory.EnumerateFiles(Path.Combine(host.DataPath, "photos"), "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        Assert.DoesNotContain(files, f => f.Contains("IMG_0001", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_text_file_named_jpg_an_oversize_file_and_a_decompression_bomb_are_refused_naming_the_photo()
    {
        var world = await RepairWorld.CreateAsync(host, "songshan", workers: 1);
        var before = (await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK)).GetArrayLength();
        var photo = TestImages.PhoneJpeg(400, 300);

        async Task<string> Refused(HttpContent content, string field)
        {
            var problem = await HttpAssert.ProblemAsync(await world.Resident.Client.PostAsync($"{world.Api}/requests", content), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error on {field}: {problem}");
            return messages[0].GetString()!;
        }

        var text = await Refused(Form("x", ("photo.jpg", "this is not a picture"u8.ToArray(), "image/jpeg")), "photos[0]");
        Assert.Contains("JPEG", text);
        var big = new byte[PluginSdk.PhotoLimits.MaxBytes + 1];
        photo.CopyTo(big, 0);
        Assert.Contains("10 MB", await Refused(Form("x", ("ok.jpg", photo, "image/jpeg"), ("big.jpg", big, "image/jpeg")), "photos[1]"));
        Assert.Contains("30000", await Refused(Form("x", ("bomb.png", TestImages.PngBomb(), "image/png")), "photos[0]"));
        await Refused(Form("x", ("1.jpg", photo, "image/jpeg"), ("2.jpg", photo, "image/jpeg"), ("3.jpg", photo, "image/jpeg"), ("4.jpg", photo, "image/jpeg")), "photos");

        var after = (await HttpAssert.JsonAsync(await world.Dispatcher.Client.GetAsync($"{world.Api}/requests"), HttpStatusCode.OK)).GetArrayLength();
        Assert.Equal(before, after);
        // The good photo sent beside the oversize one was not left behind either.
        var stored = System.IO.Directory.Exists(Path.Combine(host.DataPath, "photos"))
            ? System.IO.Directory.EnumerateFiles(Path.Combine(host.DataPath, "photos"), "*", SearchOption.AllDirectories).Count(f => f.Contains($"{Path.DirectorySeparatorChar}{CentreId(world)}{Path.DirectorySeparatorChar}"))
            : 0;
        Assert.Equal(0, stored);
    }

    [Fact]
    public async Task Staff_resolve_with_a_photo_of_the_fix()
    {
        var world = await RepairWorld.CreateAsync(host, "fengxi", workers: 1);
        var created = await world.SubmitAsync(world.Resident.Client, new { description = "窗户关不上", categoryId = world.CategoryId("doors-windows") });
        var id = created.GetProperty("id").GetInt32();
        var worker = world.Workers[0].Client;
        await world.ActAsync(worker, id, "accept");
        var form = Form("修好了");
        form.Add(new StringContent("合页已更换"), "note");
        var fix = new ByteArrayContent(TestImages.PhoneJpeg(800, 600));
        fix.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(fix, "photos", "fix.jpg");
        var resolved = await HttpAssert.JsonAsync(await worker.PostAsync($"{world.Api}/requests/{id}/resolve", form), HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Contains(resolved.GetProperty("photos").EnumerateArray(), p => p.GetProperty("kind").GetString() == "fix");
        Assert.Equal(HttpStatusCode.OK, (await world.Resident.Client.GetAsync(resolved.GetProperty("photos")[0].GetProperty("url").GetString())).StatusCode);
    }

    private static int CentreId(RepairWorld world) =>
        world.Host.Services.GetRequiredService<HappyCommunity.Host.Centres.CentreDirectory>().Find(world.Centre)!.Id;
}
