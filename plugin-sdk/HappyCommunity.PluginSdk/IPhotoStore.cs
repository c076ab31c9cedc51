namespace HappyCommunity.PluginSdk;

/// <summary>Which rendition of a stored photo to open.</summary>
public enum PhotoVariant
{
    /// <summary>The photo, re-encoded, at most <see cref="PhotoLimits.MaxEdge"/> pixels on its long side.</summary>
    Full,
    /// <summary>A small JPEG, at most <see cref="PhotoLimits.ThumbnailEdge"/> pixels on its long side.</summary>
    Thumbnail,
}

/// <summary>What the host's photo service accepts and produces.</summary>
public static class PhotoLimits
{
    /// <summary>The largest upload accepted, in bytes (10 MB).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most pixels an image may declare (width × height); larger ones are refused before decoding.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The long side of a stored photo, in pixels.</summary>
    public const int MaxEdge = 2048;

    /// <summary>The long side of a thumbnail, in pixels.</summary>
    public const int ThumbnailEdge = 320;
}

/// <summary>A photo the host has checked, cleaned and stored.</summary>
/// <param name="Id">The photo's id; keep it on your row and open the photo with it.</param>
/// <param name="Width">The stored width in pixels.</param>
/// <param name="Height">The stored height in pixels.</param>
/// <param name="Length">The stored size in bytes.</param>
/// <param name="ContentType">The stored format, always <c>image/jpeg</c>.</param>
public sealed record StoredPhoto(Guid Id, int Width, int Height, long Length, string ContentType);

/// <summary>An upload the photo service refused: not an image it can read, too large, or too many pixels.</summary>
public sealed class PhotoRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why, for the person who uploaded it.</param>
    public PhotoRejectedException(LocalizedText reason) : base(reason.En ?? reason.Zh) => Reason = reason;

    /// <summary>Why the photo was refused, in Chinese and English.</summary>
    public LocalizedText Reason { get; }
}

/// <summary>
/// The platform's photo service. It judges an upload by its content (JPEG, PNG, WebP; HEIC where the decoder on the
/// host reads it), refuses files over <see cref="PhotoLimits.MaxBytes"/> and images over <see cref="PhotoLimits.MaxPixels"/>
/// before decoding them, applies the camera's orientation, re-encodes (which drops every piece of metadata, GPS included),
/// shrinks to <see cref="PhotoLimits.MaxEdge"/>, makes a thumbnail, and stores both under the host's data folder with
/// generated names, per centre. It never serves photos itself: a module serves them from its own endpoints, to the users
/// its own rules allow.
/// </summary>
public interface IPhotoStore
{
    /// <summary>Checks, cleans and stores a photo for the current centre.</summary>
    /// <param name="content">The uploaded bytes; read once, up to one byte past the size limit.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="PhotoRejectedException">The upload is not an image the host accepts.</exception>
    Task<StoredPhoto> SaveAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a photo of the current centre, or returns null when the centre has no such photo.</summary>
    /// <param name="photoId">The id <see cref="SaveAsync"/> returned.</param>
    /// <param name="variant">The full photo or its thumbnail.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    Task<Stream?> OpenAsync(Guid photoId, PhotoVariant variant, CancellationToken cancellationToken);

    /// <summary>Deletes a photo of the current centre and its thumbnail; nothing happens when it does not exist.</summary>
    /// <param name="photoId">The photo's id.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    Task DeleteAsync(Guid photoId, CancellationToken cancellationToken);
}
