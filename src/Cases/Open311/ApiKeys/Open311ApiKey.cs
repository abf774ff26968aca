using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tongguan.Cases.Open311.ApiKeys;

/// <summary>
/// A key an Open311 client sends as <c>api_key</c> to POST service requests. Only the SHA-256 of the key is stored:
/// a copy of the database does not let anyone post as the client. Revoked keys stay for the record.
/// </summary>
public sealed class Open311ApiKey
{
    public Guid Id { get; set; }

    /// <summary>Who the key is for (an app, a partner's system), as the admin named it.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the key, 64 lower-case hex digits.</summary>
    public required string KeyHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new key: <c>o311_</c> and 256 random bits in base64url; shown to the admin once.</summary>
    public static string NewKey() => "o311_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The stored form of a key. A plain hash suffices (no salt, no stretching): keys are 256 random bits, so there is
    /// nothing to guess, and an unsalted hash lets a request find its key by an indexed lookup.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

internal sealed class Open311ApiKeyConfiguration : IEntityTypeConfiguration<Open311ApiKey>
{
    public void Configure(EntityTypeBuilder<Open311ApiKey> builder)
    {
        builder.ToTable("open311_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.CreatedBy).HasMaxLength(100);
        builder.Ignore(k => k.IsRevoked);
        builder.HasIndex(k => k.KeyHash).IsUnique();
    }
}

/// <summary>Finds the key a request presents, and creates, lists and revokes keys for admins.</summary>
public sealed class Open311ApiKeyStore(Persistence.TongguanDbContext db, TimeProvider timeProvider)
{
    /// <summary>The key whose hash matches <paramref name="presented"/>, revoked or not; null when none does.</summary>
    public async Task<Open311ApiKey?> FindAsync(string presented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var hash = Open311ApiKey.Hash(presented);
        return await db.Set<Open311ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a key; the returned text is the only time the key itself exists outside the client.</summary>
    public async Task<(Open311ApiKey Key, string Secret)> CreateAsync(string name, string createdBy, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var secret = Open311ApiKey.NewKey();
        var key = new Open311ApiKey { Id = Guid.CreateVersion7(now), Name = name, KeyHash = Open311ApiKey.Hash(secret), CreatedAt = now, CreatedBy = createdBy };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (key, secret);
    }

    public async Task<IReadOnlyList<Open311ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<Open311ApiKey>().AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Revokes the key; null when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<Open311ApiKey?> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.Set<Open311ApiKey>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken).ConfigureAwait(false);
        if (key is null || key.IsRevoked)
        {
            return key;
        }

        key.RevokedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }
}
