using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HappyCommunity.Host.Identity;

/// <summary>
/// Keeps the bearer tokens this host has already read, so that an app or a counter terminal calling many times a minute
/// is not decrypted and verified again on every request (Data Protection's key derivation, AES and HMAC were over a
/// third of a module GET; docs/performance.md). Only tokens that verified are kept, each until its own expiry and
/// never longer than <see cref="MaxAge"/>, at most <see cref="Capacity"/> of them; every answer is a copy, so nothing a
/// request does to its user can reach the next request. Issuing tokens is unchanged.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    public const int Capacity = 20_000;

    private readonly MemoryCache _read = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        var now = clock.GetUtcNow();
        if (_read.TryGetValue(protectedText, out Kept? kept) && kept!.Until > now)
            return Copy(kept.Ticket);
        var ticket = inner.Unprotect(protectedText);
        if (ticket?.Properties.ExpiresUtc is { } expires && expires > now)
        {
            var until = expires < now + MaxAge ? expires : now + MaxAge;
            // Until is judged by the host's clock; the cache's own expiry only frees the memory.
            _read.Set(protectedText, new Kept(Copy(ticket), until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = until - now });
        }
        return ticket;
    }

    private sealed record Kept(AuthenticationTicket Ticket, DateTimeOffset Until);

    // Identities cloned one by one: ClaimsPrincipal.Clone() would share them.
    private static AuthenticationTicket Copy(AuthenticationTicket t) =>
        new(new System.Security.Claims.ClaimsPrincipal(t.Principal.Identities.Select(i => i.Clone())), t.Properties.Clone(), t.AuthenticationScheme);

    public void Dispose() => _read.Dispose();
}

/// <summary>Wraps the bearer scheme's token format (set by ASP.NET Core just before) in <see cref="CachedTicketFormat"/>.</summary>
public sealed class CacheBearerTickets(TimeProvider clock) : IPostConfigureOptions<BearerTokenOptions>
{
    public void PostConfigure(string? name, BearerTokenOptions options)
    {
        if (options.BearerTokenProtector is { } inner and not CachedTicketFormat)
            options.BearerTokenProtector = new CachedTicketFormat(inner, clock);
    }
}
