using System.Security.Claims;
using HappyCommunity.Host.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace HappyCommunity.Tests.Unit;

/// <summary>The bearer token reader's cache: verified tokens read once, until they expire; answers never shared.</summary>
public sealed class CachedTicketFormatTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    private sealed class Counting(Func<string, AuthenticationTicket?> read) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads;
        public string Protect(AuthenticationTicket data) => "token";
        public string Protect(AuthenticationTicket data, string? purpose) => "token";
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            return read(protectedText!);
        }
    }

    private AuthenticationTicket Ticket(string user, TimeSpan lifetime) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "Bearer")),
            new AuthenticationProperties { ExpiresUtc = _clock.GetUtcNow() + lifetime }, "Identity.Bearer");

    [Fact]
    public void A_verified_token_is_read_once_and_each_answer_is_a_copy()
    {
        var inner = new Counting(t => t == "good" ? Ticket("u1", TimeSpan.FromHours(1)) : null);
        using var format = new CachedTicketFormat(inner, _clock);

        var first = format.Unprotect("good")!;
        first.Principal.Identities.First().AddClaim(new Claim("added", "by a request"));
        var second = format.Unprotect("good")!;
        Assert.Equal(1, inner.Reads);
        Assert.Equal("u1", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(second.Principal.FindFirst("added"));

        Assert.Null(format.Unprotect("forged"));
        Assert.Null(format.Unprotect("forged"));
        Assert.Equal(3, inner.Reads); // a token that did not verify is never kept
    }

    [Fact]
    public void A_kept_token_is_read_again_after_the_maximum_age_and_never_answered_past_its_expiry()
    {
        var inner = new Counting(t => t == "long" ? Ticket("u1", TimeSpan.FromHours(1)) : Ticket("u2", TimeSpan.FromMinutes(2)));
        using var format = new CachedTicketFormat(inner, _clock);
        format.Unprotect("long");
        format.Unprotect("short");
        _clock.Advance(TimeSpan.FromMinutes(3));
        format.Unprotect("short"); // expired: asked again (and the scheme refuses what comes back)
        Assert.Equal(3, inner.Reads);
        format.Unprotect("long");
        Assert.Equal(3, inner.Reads);
        _clock.Advance(CachedTicketFormat.MaxAge);
        format.Unprotect("long");
        Assert.Equal(4, inner.Reads);
    }
}
