using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace AlertWorker.Storage;

/// <summary>
/// Times as the tables hold them. The stores pass and read <see cref="DateTimeOffset"/> and never
/// spell a time out; this Dapper handler turns it into what the database keeps: ISO 8601 text in UTC
/// on SQLite (fixed width, so that text order is time order) and <c>timestamptz</c> on PostgreSQL.
/// Registered for the whole process when the assembly loads, before any store runs a query.
/// </summary>
internal sealed class StoredTime : SqlMapper.TypeHandler<DateTimeOffset>
{
    [ModuleInitializer]
    internal static void Register()
    {
        // Dapper maps DateTimeOffset itself unless told not to, and then never asks a handler
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new StoredTime());
    }

    /// <summary>The SQLite spelling: UTC, seven fractional digits, a Z.</summary>
    public static string Write(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Read(object value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        // Npgsql reads timestamptz as a DateTime in UTC
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        _ => throw new InvalidCastException($"a stored time cannot be a {value.GetType().Name}"),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = Write(value);
        }
        else
        {
            // Npgsql writes timestamptz from a DateTimeOffset only at offset zero
            parameter.Value = value.ToUniversalTime();
        }
    }

    public override DateTimeOffset Parse(object value) => Read(value);
}
