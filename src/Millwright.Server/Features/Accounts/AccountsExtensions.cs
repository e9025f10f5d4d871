namespace Millwright.Server.Features.Accounts;

internal static class AccountsExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) =>
        services.AddScoped<AccountProvisioning>();
}
