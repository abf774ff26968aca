namespace Tongguan.Cases.ReferenceData;

public static partial class ReferenceDataLoader
{
    private sealed class GridCellsReader(List<ReferenceDataProblem> problems)
    {
        private const string File = ReferenceDataFiles.Org;

        public List<GridCell> Read(List<CellDto?>? list, Dictionary<string, OrgUnit> units, HashSet<string> ids)
        {
            var cells = new List<(GridCell Cell, int Index)>();
            if (list is null || list.Count == 0)
            {
                problems.Add(new(File, "$.gridCells", "list the grid cells: locating a case needs at least one."));
                return [];
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (ReadCell(list[i], $"$.gridCells[{i}]", units, ids) is { } cell)
                {
                    cells.Add((cell, i));
                }
            }

            CheckOverlaps(cells);
            return [.. cells.Select(c => c.Cell)];
        }

        private GridCell? ReadCell(CellDto? item, string path, Dictionary<string, OrgUnit> units, HashSet<string> ids)
        {
            if (item is null || !CheckId(item.Id, "grid cell", File, path + ".id", ids, problems))
            {
                return null;
            }

            var valid = true;
            if (!Require(item.Community, File, path + ".community", problems))
            {
                valid = false;
            }
            else if (!units.TryGetValue(item.Community!, out var community))
            {
                problems.Add(new(File, path + ".community", $"unknown community '{item.Community}'."));
                valid = false;
            }
            else if (community.Level != OrgLevel.Community)
            {
                problems.Add(new(File, path + ".community", $"'{community.Id}' is a {community.Level}; grid cells belong to a Community."));
                valid = false;
            }

            var centroid = Point(item.Centroid, path + ".centroid");
            var polygon = Polygon(item.Polygon, path + ".polygon");
            if (centroid is null || polygon is null || !valid)
            {
                return null;
            }

            if (PlaneGeometry.Locate(centroid.Value, polygon) != PlaneGeometry.Position.Inside)
            {
                problems.Add(new(File, path + ".centroid", $"the centroid [{centroid.Value.Lon}, {centroid.Value.Lat}] is not inside the cell's polygon."));
                return null;
            }

            return new GridCell(item.Id!, item.Community!, centroid.Value, polygon);
        }

        private GeoPoint? Point(List<double>? pair, string path)
        {
            if (pair is null || pair.Count != 2)
            {
                problems.Add(new(File, path, "a position is [longitude, latitude] in degrees (GeoJSON order), e.g. [121.47, 31.23]."));
                return null;
            }

            var point = new GeoPoint(pair[1], pair[0]);
            if (point.IsValid)
            {
                return point;
            }

            var swapped = new GeoPoint(pair[0], pair[1]).IsValid;
            problems.Add(new(File, path, $"[{pair[0]}, {pair[1]}] is not a valid [longitude, latitude]" +
                (swapped ? "; it looks like [latitude, longitude]: swap the two numbers (GeoJSON order)." : ".")));
            return null;
        }

        private List<GeoPoint>? Polygon(List<List<double>?>? list, string path)
        {
            if (list is null || list.Count < 3)
            {
                problems.Add(new(File, path, "a polygon needs at least three [longitude, latitude] vertices."));
                return null;
            }

            var points = new List<GeoPoint>();
            for (var i = 0; i < list.Count; i++)
            {
                if (Point(list[i], $"{path}[{i}]") is not { } point)
                {
                    return null;
                }

                if (points.Count > 0 && points[^1] == point)
                {
                    problems.Add(new(File, $"{path}[{i}]", "the same vertex twice in a row."));
                    return null;
                }

                points.Add(point);
            }

            // A closed ring (GeoJSON writes the first vertex again at the end) is accepted too.
            if (points.Count > 3 && points[0] == points[^1])
            {
                points.RemoveAt(points.Count - 1);
            }

            if (PlaneGeometry.FindSelfIntersection(points) is { } edges)
            {
                problems.Add(new(File, path, $"the polygon crosses itself: edge {edges.First} (from vertex {edges.First}) meets edge {edges.Second}."));
                return null;
            }

            if (points.Count < 3 || Math.Abs(PlaneGeometry.DoubleArea(points)) < PlaneGeometry.Tolerance * PlaneGeometry.Tolerance)
            {
                problems.Add(new(File, path, "the polygon has no area: its vertices lie on one line."));
                return null;
            }

            return points;
        }

        // Pairs come from the bucket index, so a city of thousands of cells is not checked pair by pair.
        private void CheckOverlaps(List<(GridCell Cell, int Index)> cells)
        {
            var index = new GridIndex([.. cells.Select(c => c.Cell)]);
            var position = cells.ToDictionary(c => c.Cell, c => c.Index);
            foreach (var (cell, i) in cells)
            {
                foreach (var other in index.CandidatesNear(cell.Bounds))
                {
                    var j = position[other];
                    if (j > i && cell.Bounds.OverlapsInterior(other.Bounds) && PlaneGeometry.InteriorsOverlap(cell.Polygon, other.Polygon))
                    {
                        problems.Add(new(File, $"$.gridCells[{j}].polygon", $"grid cell '{other.Id}' overlaps grid cell '{cell.Id}' ($.gridCells[{i}]); cells may share edges but not area."));
                    }
                }
            }
        }
    }
}
