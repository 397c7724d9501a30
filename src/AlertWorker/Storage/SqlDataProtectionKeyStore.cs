using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AlertWorker.Storage;

/// <summary>
/// Data Protection's key ring in the <c>data_protection_keys</c> table. Data Protection calls this
/// synchronously, only when it (re)loads its key ring or adds a key; the schema is migrated before.
/// Several instances may each add a key at once: all are kept and all are read.
/// </summary>
public sealed class SqlDataProtectionKeyStore(DbDataSource database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenConnection();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY id")
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenConnection();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@FriendlyName, @Xml, @CreatedAt)",
            new { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = time.GetUtcNow() });
    }
}
