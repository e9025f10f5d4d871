using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

/// <summary>The record API tests share one server; each test seeds its own connection, so they never see each other's data.</summary>
[CollectionDefinition(Name)]
public sealed class RecordsCollection : ICollectionFixture<SharedHost>
{
    public const string Name = "Records";
}
