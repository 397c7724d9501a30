using System.Text;
using Dapper;

namespace AlertWorker.Storage;

/// <summary>
/// Many rows as one <c>VALUES</c> list, a parameter per value, so that a group of rows is written or
/// matched in one statement (one round trip to a server) instead of one each. Both databases take it
/// as a table: <c>WITH r(id, at) AS (VALUES ...)</c>, <c>(a, b) IN (VALUES ...)</c>, <c>INSERT ... VALUES ...</c>.
/// </summary>
internal sealed class SqlValues
{
    private SqlValues(string sql, DynamicParameters parameters)
    {
        Sql = sql;
        Parameters = parameters;
    }

    /// <summary><c>(@r0_0, @r0_1), (@r1_0, @r1_1), ...</c>: one parenthesised row per item (<c>r</c> the prefix given).</summary>
    public string Sql { get; }

    public DynamicParameters Parameters { get; }

    /// <param name="prefix">Starts the parameter names, so that two lists may go in one command.</param>
    public static SqlValues Of<T>(string prefix, IReadOnlyCollection<T> rows, params Func<T, object?>[] columns)
    {
        if (rows.Count == 0) throw new ArgumentException("a VALUES list needs a row", nameof(rows));
        var parameters = new DynamicParameters();
        var sql = new StringBuilder();
        var r = 0;
        foreach (var row in rows)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
            {
                var name = $"{prefix}{r}_{c}";
                parameters.Add(name, columns[c](row));
                sql.Append(c == 0 ? "@" : ", @").Append(name);
            }
            sql.Append(')');
            r++;
        }
        return new SqlValues(sql.ToString(), parameters);
    }
}
