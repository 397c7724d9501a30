namespace AlertWorker.Domain.Matching;

/// <summary>
/// A static spatial index of points (a packed Hilbert R-tree): the points sorted along a Hilbert
/// curve, grouped sixteen to a leaf, leaves sixteen to a node, up to one root; every box is an array
/// entry. For 300,000 points it takes about 4 MB, a seventh of a tree of objects with an envelope
/// per point, and answers a box query by visiting only the boxes that meet it. Immutable and thread-safe.
/// </summary>
/// <remarks>Coordinates are kept as <see cref="float"/> (off by at most 2e-5 degrees, some 2 m): a query
/// returns every point inside its box, and may return points up to <see cref="Slack"/> degrees outside
/// it, so callers test each point exactly (as the matcher does: point in polygon, distance).</remarks>
internal sealed class PointIndex
{
    private const int NodeSize = 16;

    /// <summary>How far outside a query box a returned point may lie, in degrees.</summary>
    public const double Slack = 1e-4;

    private readonly float[] _x;
    private readonly float[] _y;
    private readonly int[] _items;
    // Boxes of each level after the points (leaves first, root last), four numbers each:
    // min x, min y, max x, max y. Level k's box j covers entries j*16 .. j*16+15 of level k-1.
    private readonly double[] _boxes;
    private readonly int[] _levelStart;

    /// <param name="x">The points' x (longitude).</param>
    /// <param name="y">The points' y (latitude), as many as <paramref name="x"/>.</param>
    public PointIndex(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var count = x.Count;
        if (y.Count != count) throw new ArgumentException("x and y differ in length", nameof(y));

        var (minX, minY, maxX, maxY) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        for (var i = 0; i < count; i++)
        {
            (minX, maxX) = (Math.Min(minX, x[i]), Math.Max(maxX, x[i]));
            (minY, maxY) = (Math.Min(minY, y[i]), Math.Max(maxY, y[i]));
        }
        var keys = new uint[count];
        var (width, height) = (Math.Max(maxX - minX, double.Epsilon), Math.Max(maxY - minY, double.Epsilon));
        for (var i = 0; i < count; i++)
        {
            keys[i] = Hilbert((uint)(65535 * ((x[i] - minX) / width)), (uint)(65535 * ((y[i] - minY) / height)));
        }
        _items = Enumerable.Range(0, count).ToArray();
        Array.Sort(keys, _items);
        _x = new float[count];
        _y = new float[count];
        for (var i = 0; i < count; i++)
        {
            _x[i] = (float)x[_items[i]];
            _y[i] = (float)y[_items[i]];
        }

        var levelStart = new List<int> { 0 };
        var boxes = new List<double>();
        var below = count;
        var level = 0;
        do
        {
            var nodes = (below + NodeSize - 1) / NodeSize;
            for (var node = 0; node < nodes; node++)
            {
                var (bx0, by0, bx1, by1) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
                for (var k = node * NodeSize; k < Math.Min(below, (node + 1) * NodeSize); k++)
                {
                    var (ex0, ey0, ex1, ey1) = Entry(level, k, levelStart, boxes);
                    (bx0, by0, bx1, by1) = (Math.Min(bx0, ex0), Math.Min(by0, ey0), Math.Max(bx1, ex1), Math.Max(by1, ey1));
                }
                boxes.AddRange([bx0, by0, bx1, by1]);
            }
            levelStart.Add(boxes.Count / 4);
            below = nodes;
            level++;
        } while (below > 1);
        _boxes = boxes.ToArray();
        _levelStart = levelStart.ToArray();
    }

    public int Count => _items.Length;

    /// <summary>Adds to <paramref name="into"/> the numbers (positions in the input) of the points
    /// inside the box, edges included, and maybe of some up to <see cref="Slack"/> outside it, in no
    /// particular order.</summary>
    public void Query(double minX, double minY, double maxX, double maxY, List<int> into)
    {
        if (_items.Length == 0) return;
        (minX, minY, maxX, maxY) = (minX - Slack, minY - Slack, maxX + Slack, maxY + Slack);
        // Level 1 is the leaves' boxes; level L (the root) has one box.
        var top = _levelStart.Length - 1;
        var pending = new Stack<(int Level, int Index)>();
        pending.Push((top, 0));
        while (pending.TryPop(out var node))
        {
            var b = (_levelStart[node.Level - 1] + node.Index) * 4;
            if (_boxes[b] > maxX || _boxes[b + 1] > maxY || _boxes[b + 2] < minX || _boxes[b + 3] < minY) continue;
            var first = node.Index * NodeSize;
            if (node.Level == 1)
            {
                for (var k = first; k < Math.Min(_items.Length, first + NodeSize); k++)
                {
                    if (_x[k] >= minX && _x[k] <= maxX && _y[k] >= minY && _y[k] <= maxY) into.Add(_items[k]);
                }
                continue;
            }
            var children = _levelStart[node.Level - 1] - _levelStart[node.Level - 2];
            for (var k = first; k < Math.Min(children, first + NodeSize); k++) pending.Push((node.Level - 1, k));
        }
    }

    /// <summary>Entry <paramref name="k"/> of a level as a box: a point at level 0, else a box built already.</summary>
    private (double, double, double, double) Entry(int level, int k, List<int> levelStart, List<double> boxes)
    {
        if (level == 0) return (_x[k], _y[k], _x[k], _y[k]);
        var b = (levelStart[level - 1] + k) * 4;
        return (boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3]);
    }

    /// <summary>Position along a Hilbert curve of a point on a 65,536 x 65,536 grid
    /// (the classic bit-twiddling form of the curve, as in Flatbush).</summary>
    private static uint Hilbert(uint x, uint y)
    {
        var a = x ^ y;
        var b = 0xFFFF ^ a;
        var c = 0xFFFF ^ (x | y);
        var d = x & (y ^ 0xFFFF);

        var A = a | (b >> 1);
        var B = (a >> 1) ^ a;
        var C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
        var D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;

        a = A; b = B; c = C; d = D;
        A = (a & (a >> 2)) ^ (b & (b >> 2));
        B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
        C ^= (a & (c >> 2)) ^ (b & (d >> 2));
        D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));

        a = A; b = B; c = C; d = D;
        A = (a & (a >> 4)) ^ (b & (b >> 4));
        B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
        C ^= (a & (c >> 4)) ^ (b & (d >> 4));
        D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));

        a = A; b = B; c = C; d = D;
        C ^= (a & (c >> 8)) ^ (b & (d >> 8));
        D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));

        a = C ^ (C >> 1);
        b = D ^ (D >> 1);

        var i0 = x ^ y;
        var i1 = b | (0xFFFF ^ (i0 | a));

        i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
        i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
        i0 = (i0 | (i0 << 2)) & 0x33333333;
        i0 = (i0 | (i0 << 1)) & 0x55555555;

        i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
        i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
        i1 = (i1 | (i1 << 2)) & 0x33333333;
        i1 = (i1 | (i1 << 1)) & 0x55555555;

        return (i1 << 1) | i0;
    }
}
