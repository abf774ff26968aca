using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongguan.Cases.Access;

namespace Tongguan.Cases.Persistence;

/// <summary>Identity's tables under the database's naming (snake_case, prefixed by their area) instead of AspNetUsers and its siblings.</summary>
internal static class AccountModel
{
    public static ModelBuilder ApplyAccountModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TongguanUser>(b =>
        {
            b.ToTable("auth_users");
            b.Property(u => u.DisplayName).HasMaxLength(100);
            b.Property(u => u.OrgUnitId).HasMaxLength(60);
        });
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("auth_user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("auth_user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("auth_user_tokens");
        return modelBuilder;
    }
}
