namespace Millwright.Server.Features.Secrets;

internal static class SecretsExtensions
{
    /// <summary>One protector per process: it loads (or creates) the key once.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services) =>
        services.AddSingleton<CredentialProtector>();
}
