using System.Reflection;

namespace ConsulAlerts.Hosting;

/// <summary>Name and version of this build, as shown by <c>--version</c> and the <c>/v1/info</c> header.</summary>
internal static class ProductInfo
{
    public const string Name = "consul-alerts";

    public static string Version { get; } =
        typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
