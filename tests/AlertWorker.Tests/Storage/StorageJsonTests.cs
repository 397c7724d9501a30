using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Warnings;
using AlertWorker.Storage;

namespace AlertWorker.Tests.Storage;

public class StorageJsonTests
{
    [Fact]
    public void Write_WarningChain_RoundTripsToTheSameJson()
    {
        var warning = SampleWarnings.Warning("W-1", MsgType.Update, new WarningReference("cma@example.cn", "W-0", SampleWarnings.Sent));
        var chain = SampleWarnings.Chain(SampleWarnings.Notify(warning, SampleWarnings.Notice("P-001")), "cma@example.cn|W-0", warning.Key);

        var json = StorageJson.Write(chain);
        var back = StorageJson.Read<WarningChain>(json);

        Assert.Equal(json, StorageJson.Write(back));
        Assert.Equal(chain.Keys, back.Keys);
        Assert.Equal(warning.Key, back.Latest.Key);
        Assert.Equal(warning.Sent, back.Latest.Sent);
        Assert.Equal(warning.Infos[0].Expires, back.Latest.Infos[0].Expires);
        Assert.Equal(warning.Infos[0].Areas[0].Polygons[0].Shell, back.Latest.Infos[0].Areas[0].Polygons[0].Shell);
        Assert.Equal(Level.Orange, back.Notified[0].Level);
    }

    [Fact]
    public void Write_Warning_EnumsAsCamelCaseStringsAndNoComputedProperties()
    {
        var json = StorageJson.Write(SampleWarnings.Warning("W-1"));

        Assert.Contains("\"msgType\":\"alert\"", json);
        Assert.Contains("\"severity\":\"severe\"", json);
        Assert.DoesNotContain("\"key\"", json);
        Assert.DoesNotContain("\"highestInfo\"", json);
    }
}
