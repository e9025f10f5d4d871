using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Millwright.Server.Features.Secrets;

internal static class SecretsExtensions
{
    /// <summary>One protector per process: it loads (or creates) the key once.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services)
    {
        services.AddSingleton<CredentialProtector>();
        // The data-protection key ring (dashboard cookies) is stored sealed, never as plain key XML.
        services.AddSingleton<KeyRingKey>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyRingEncryptionSetup>();
        return services;
    }
}
