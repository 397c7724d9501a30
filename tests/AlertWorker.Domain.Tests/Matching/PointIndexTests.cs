using AlertWorker.Domain.Matching;

namespace AlertWorker.Domain.Tests.Matching;

public class PointIndexTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(5_000)]
    public void Query_RandomBoxes_SameAsBruteForce(int count)
    {
        var random = new Random(count);
        // Clusters (as hazard points are) and repeated coordinates.
        var x = new double[count];
        var y = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.NextDouble() < 0.05)
            {
                var j = random.Next(i);
                (x[i], y[i]) = (x[j], y[j]);
                continue;
            }
            var cluster = random.Next(20);
            x[i] = Math.Round(100 + cluster * 0.7 + random.NextDouble() * 0.3, 4);
            y[i] = Math.Round(25 + cluster % 5 * 1.1 + random.NextDouble() * 0.3, 4);
        }
        var index = new PointIndex(x, y);

        for (var q = 0; q < 300; q++)
        {
            // Some boxes start and end exactly on a point's coordinates: edges count as inside.
            var (x0, y0) = count > 0 && q % 3 == 0 ? (x[random.Next(count)], y[random.Next(count)]) : (99 + random.NextDouble() * 16, 24 + random.NextDouble() * 7);
            var (x1, y1) = q % 7 == 0 ? (x0, y0) : (x0 + random.NextDouble() * 3, y0 + random.NextDouble() * 2);
            var found = new List<int>();

            index.Query(x0, y0, x1, y1, found);

            // Every point inside, and none farther outside than the slack.
            var inside = Enumerable.Range(0, count).Where(i => x[i] >= x0 && x[i] <= x1 && y[i] >= y0 && y[i] <= y1);
            Assert.Empty(inside.Except(found));
            Assert.All(found, i => Assert.True(x[i] >= x0 - PointIndex.Slack && x[i] <= x1 + PointIndex.Slack
                                               && y[i] >= y0 - PointIndex.Slack && y[i] <= y1 + PointIndex.Slack));
            Assert.Equal(found.Count, found.Distinct().Count());
        }
    }

    [Fact]
    public void Query_InvertedOrEmptyBox_FindsNothing()
    {
        var index = new PointIndex([104.0, 104.5], [30.0, 30.5]);
        var found = new List<int>();

        index.Query(105, 31, 104, 30, found);
        index.Query(104.1, 30.1, 104.2, 30.2, found);

        Assert.Empty(found);
    }
}
