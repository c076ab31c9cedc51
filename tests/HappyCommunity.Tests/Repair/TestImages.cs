using System.Buffers.Binary;
using SkiaSharp;

namespace HappyCommunity.Tests.Repair;

/// <summary>Real image files for the photo tests, made here byte by byte where a camera would write them.</summary>
public static class TestImages
{
    /// <summary>A JPEG as a phone writes it: EXIF with orientation 6 (turn right) and a GPS position in Qingpu.</summary>
    public static byte[] PhoneJpeg(int width = 3000, int height = 2000)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkRed };
            canvas.DrawRect(0, 0, width / 3f, height / 3f, paint); // a red block top-left, to see the turn
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        var jpeg = data.ToArray();
        var exif = ExifSegment(orientation: 6, latitude: (31, 9, 36), longitude: (121, 7, 12));
        return [.. jpeg[..2], .. exif, .. jpeg[2..]]; // right after SOI
    }

    private static byte[] ExifSegment(ushort orientation, (uint D, uint M, uint S) latitude, (uint D, uint M, uint S) longitude)
    {
        // TIFF, big endian: IFD0 (orientation, GPS pointer) at 8; GPS IFD at 38; rationals at 92 and 116.
        var tiff = new byte[140];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        var p = 8;
        void Entry(ushort tag, ushort type, uint count, uint value, bool shortValue = false)
        {
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), tag);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p + 2), type);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 4), count);
            if (shortValue) BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p + 8), (ushort)value);
            else BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 8), value);
            p += 12;
        }
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), 2); p += 2;
        Entry(0x0112, 3, 1, orientation, shortValue: true);
        Entry(0x8825, 4, 1, 38);
        p += 4; // next IFD: none
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(p), 4); p += 2;
        Entry(0x0001, 2, 2, 0x4E000000); // "N"
        Entry(0x0002, 5, 3, 92);
        Entry(0x0003, 2, 2, 0x45000000); // "E"
        Entry(0x0004, 5, 3, 116);
        p += 4;
        foreach (var v in new[] { latitude.D, latitude.M, latitude.S, longitude.D, longitude.M, longitude.S })
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p), v);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(p + 4), 1);
            p += 8;
        }
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return segment;
    }

    /// <summary>A PNG whose header claims 30000 × 30000 pixels in a few hundred bytes: a decompression bomb.</summary>
    public static byte[] PngBomb()
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 30000);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 30000);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(stream, "IHDR", ihdr);
        using var zipped = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(zipped, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(new byte[1 << 20]); // the first megabyte of zeros; a real bomb goes on for gigabytes
        Chunk(stream, "IDAT", zipped.ToArray());
        Chunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        stream.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        stream.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
