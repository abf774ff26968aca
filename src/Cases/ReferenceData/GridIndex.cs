namespace Tongguan.Cases.ReferenceData;

/// <summary>
/// A uniform bucket grid over the city's bounding box: each bucket lists the cells whose bounding box touches it,
/// so locating a point tests the handful of cells of one bucket instead of every cell. Immutable once built;
/// safe for concurrent readers.
/// </summary>
internal sealed class GridIndex
{
    private readonly BoundingBox _extent;
    private readonly int _columns;
    private readonly int _rows;
    private readonly double _bucketLon;
    private readonly double _bucketLat;
    private readonly GridCell[][] _buckets;

    public GridIndex(IReadOnlyList<GridCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Cells = cells;
        if (cells.Count == 0)
        {
            _extent = new BoundingBox(0, 0, 0, 0);
            _columns = _rows = 1;
            _bucketLon = _bucketLat = 1;
            _buckets = [[]];
            return;
        }

        _extent = BoundingBox.Of(cells.SelectMany(c => c.Polygon));
        // About one cell per bucket: a cell then spans a few buckets and a bucket holds a few cells.
        var side = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(cells.Count)));
        _columns = side;
        _rows = side;
        _bucketLon = Math.Max((_extent.MaxLon - _extent.MinLon) / _columns, PlaneGeometry.Tolerance);
        _bucketLat = Math.Max((_extent.MaxLat - _extent.MinLat) / _rows, PlaneGeometry.Tolerance);
        var lists = new List<GridCell>[_columns * _rows];
        foreach (var cell in cells)
        {
            foreach (var bucket in BucketsOf(cell.Bounds))
            {
                (lists[bucket] ??= []).Add(cell);
            }
        }

        _buckets = [.. lists.Select(l => l is null ? [] : l.ToArray())];
    }

    public IReadOnlyList<GridCell> Cells { get; }

    public BoundingBox Extent => _extent;

    /// <summary>
    /// The cell containing <paramref name="point"/>. A point on an edge or corner shared by several cells belongs to
    /// the one with the ordinally lowest id, so the answer never depends on the order cells were listed in.
    /// </summary>
    public GridCell? Locate(GeoPoint point)
    {
        if (!point.IsValid || !_extent.Contains(point, PlaneGeometry.Tolerance))
        {
            return null;
        }

        GridCell? onEdge = null;
        foreach (var cell in CandidatesNear(point))
        {
            if (!cell.Bounds.Contains(point, PlaneGeometry.Tolerance))
            {
                continue;
            }

            switch (PlaneGeometry.Locate(point, cell.Polygon))
            {
                case PlaneGeometry.Position.Inside:
                    return cell;
                case PlaneGeometry.Position.OnBoundary when onEdge is null || string.CompareOrdinal(cell.Id, onEdge.Id) < 0:
                    onEdge = cell;
                    break;
                default:
                    break;
            }
        }

        return onEdge;
    }

    /// <summary>Cells whose bounding box may meet <paramref name="box"/> (each once).</summary>
    public IEnumerable<GridCell> CandidatesNear(BoundingBox box) =>
        BucketsOf(box).SelectMany(b => _buckets[b]).Distinct();

    private IEnumerable<GridCell> CandidatesNear(GeoPoint point) =>
        CandidatesNear(new BoundingBox(point.Lat, point.Lon, point.Lat, point.Lon));

    private IEnumerable<int> BucketsOf(BoundingBox box)
    {
        var (c0, r0) = Bucket(box.MinLat - PlaneGeometry.Tolerance, box.MinLon - PlaneGeometry.Tolerance);
        var (c1, r1) = Bucket(box.MaxLat + PlaneGeometry.Tolerance, box.MaxLon + PlaneGeometry.Tolerance);
        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                yield return (r * _columns) + c;
            }
        }
    }

    private (int Column, int Row) Bucket(double lat, double lon) => (
        Math.Clamp((int)Math.Floor((lon - _extent.MinLon) / _bucketLon), 0, _columns - 1),
        Math.Clamp((int)Math.Floor((lat - _extent.MinLat) / _bucketLat), 0, _rows - 1));
}
