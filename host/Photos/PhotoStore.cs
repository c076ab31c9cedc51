using HappyCommunity.Host.Centres;
using HappyCommunity.Host.Plugins;
using HappyCommunity.PluginSdk;
using SkiaSharp;

namespace HappyCommunity.Host.Photos;

/// <summary>
/// The SDK photo service on SkiaSharp: the content decides (never the file name), the size and the declared pixel
/// count are checked before anything is decoded, and what is stored is a fresh JPEG drawn from the pixels, so no
/// metadata (EXIF, GPS, XMP, ICC comments) survives. Files live at <c>&lt;data&gt;/photos/&lt;centre&gt;/&lt;xx&gt;/&lt;id&gt;.jpg</c>.
/// </summary>
public sealed class PhotoStore(ModuleStores stores, CentreContext centre) : IPhotoStore
{
    private const int JpegQuality = 85;

    public async Task<StoredPhoto> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var centreId = RequiredCentreId;
        var bytes = await ReadLimitedAsync(content, cancellationToken);
        var (full, thumbnail, width, height) = Process(bytes);

        var id = Guid.NewGuid();
        var path = PathOf(centreId, id, PhotoVariant.Full);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await WriteAtomicallyAsync(PathOf(centreId, id, PhotoVariant.Thumbnail), thumbnail, cancellationToken);
        await WriteAtomicallyAsync(path, full, cancellationToken);
        return new StoredPhoto(id, width, height, full.Length, "image/jpeg");
    }

    public Task<Stream?> OpenAsync(Guid photoId, PhotoVariant variant, CancellationToken cancellationToken)
    {
        var path = PathOf(RequiredCentreId, photoId, variant);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true)
            : null);
    }

    public Task DeleteAsync(Guid photoId, CancellationToken cancellationToken)
    {
        foreach (var variant in Enum.GetValues<PhotoVariant>())
            File.Delete(PathOf(RequiredCentreId, photoId, variant));
        return Task.CompletedTask;
    }

    private int RequiredCentreId => centre.Centre?.Id ?? throw new InvalidOperationException("Photos belong to a centre, and none is set for the current scope.");

    private string PathOf(int centreId, Guid id, PhotoVariant variant)
    {
        var name = id.ToString("N");
        return Path.Combine(stores.DataPath, "photos", centreId.ToString(System.Globalization.CultureInfo.InvariantCulture), name[..2],
            variant == PhotoVariant.Thumbnail ? name + ".thumb.jpg" : name + ".jpg");
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > PhotoLimits.MaxBytes)
                throw new PhotoRejectedException(new("照片太大了，每张不能超过 10 MB。", "The photo is too large: at most 10 MB each."));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw new PhotoRejectedException(new("照片是空的，请重新选择。", "The photo is empty."));
        return buffer.ToArray();
    }

    /// <summary>Decodes, orients, shrinks and re-encodes; also makes the thumbnail. CPU only, no I/O.</summary>
    public static (byte[] Full, byte[] Thumbnail, int Width, int Height) Process(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new PhotoRejectedException(new("这不是能识别的图片，请上传 JPEG、PNG 或 WebP 照片。", "This is not an image we can read. Send a JPEG, PNG or WebP photo."));
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Heif))
            throw new PhotoRejectedException(new($"不支持 {codec.EncodedFormat} 格式，请上传 JPEG、PNG 或 WebP 照片。", $"{codec.EncodedFormat} images are not accepted. Send a JPEG, PNG or WebP photo."));

        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0 || (long)width * height > PhotoLimits.MaxPixels)
            throw new PhotoRejectedException(new($"图片尺寸异常（{width}×{height}），请上传普通照片。", $"The image declares {width}×{height} pixels, more than the {PhotoLimits.MaxPixels:N0} allowed."));

        // JPEG decodes straight to a smaller size (1/2, 1/4, 1/8), which keeps a 48-megapixel photo cheap.
        // The decoder offers only some scales (n/8 for JPEG) and may round down: take the smallest that still covers the target.
        var target = Math.Min(PhotoLimits.MaxEdge, Math.Max(width, height));
        var scale = (float)target / Math.Max(width, height);
        var decodeSize = codec.Info.Size;
        for (var s = scale; s < 1f; s += 0.125f)
        {
            var candidate = codec.GetScaledDimensions(s);
            if (Math.Max(candidate.Width, candidate.Height) >= target)
            {
                decodeSize = candidate;
                break;
            }
        }
        var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
            throw new PhotoRejectedException(new("图片已损坏或不完整，请重新拍摄。", $"The image could not be decoded ({result}); it may be damaged or incomplete."));

        using var image = SKImage.FromBitmap(decoded);
        var origin = codec.EncodedOrigin;
        var (full, fullWidth, fullHeight) = Render(image, origin, PhotoLimits.MaxEdge, JpegQuality);
        var (thumbnail, _, _) = Render(image, origin, PhotoLimits.ThumbnailEdge, 75);
        return (full, thumbnail, fullWidth, fullHeight);
    }

    private static (byte[] Jpeg, int Width, int Height) Render(SKImage image, SKEncodedOrigin origin, int maxEdge, int quality)
    {
        var swapped = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swapped ? (image.Height, image.Width) : (image.Width, image.Height);
        var scale = Math.Min(1.0, (double)maxEdge / Math.Max(w, h));
        var tw = Math.Max(1, (int)Math.Round(w * scale));
        var th = Math.Max(1, (int)Math.Round(h * scale));
        // The source is drawn at (sw × sh), then turned into place by the orientation matrix.
        var (sw, sh) = swapped ? (th, tw) : (tw, th);

        using var surface = SKSurface.Create(new SKImageInfo(tw, th, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not allocate a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White); // transparent PNG areas become white, not black, in the JPEG
        canvas.SetMatrix(OrientationMatrix(origin, tw, th));
        using var paint = new SKPaint();
        canvas.DrawImage(image, SKRect.Create(0, 0, sw, sh), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return (encoded.ToArray(), tw, th);
    }

    // Maps the stored pixels to the upright picture (EXIF orientation 1–8), into a target of tw × th.
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, float tw, float th) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, tw, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, tw, 0, -1, th, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, th, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, tw, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, tw, -1, 0, th, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, th, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
