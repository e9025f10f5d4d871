using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Dashboard;

/// <summary>The ASP.NET Data Protection key ring of the dashboard's antiforgery tokens (see <see cref="DashboardExtensions"/>).</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e) => e.ToTable("data_protection_keys");
}
