using CollapseLab.Output;

namespace CollapseLab.Store;

/// <summary>Union of stores by run id, in one transaction of the target (sources are attached read-only).</summary>
internal static class StoreMerger
{
    public static MergeReport Merge(IReadOnlyList<string> sources, string into)
    {
        if (sources.Count == 0) throw new StoreException("nothing to merge: give at least one source store");
        string target = ResultStore.FullPath(into);
        var paths = new List<string>();
        foreach (var source in sources)
        {
            string full = ResultStore.FullPath(source);
            if (!File.Exists(full)) throw new StoreException($"no results store at '{source}'");
            if (paths.Contains(full)) continue;
            ResultStore.Validate(full);
            paths.Add(full);
        }

        OutputPaths.EnsureApart([new NamedPath("the target", into)], sources.Select(s => new NamedPath("the source", s)));

        using var store = ResultStore.Open(target);
        for (int i = 0; i < paths.Count; i++) store.Execute($"ATTACH {ResultStore.Literal(paths[i])} AS source{i} (READ_ONLY)");
        try
        {
            int added = 0, replaced = 0, identical = 0;
            var conflicts = new List<MergeConflict>();
            using (var transaction = store.Connection.BeginTransaction())
            {
                for (int i = 0; i < paths.Count; i++)
                {
                    var (a, r, same, c) = MergeOne(store, $"source{i}", paths[i]);
                    added += a;
                    replaced += r;
                    identical += same;
                    conflicts.AddRange(c);
                }
                store.Execute("DROP TABLE IF EXISTS temp.merge_plan");
                transaction.Commit();
            }
            return new MergeReport(added, replaced, identical, conflicts);
        }
        finally
        {
            for (int i = 0; i < paths.Count; i++) store.Execute($"DETACH source{i}");
        }
    }

    private static (int Added, int Replaced, int Identical, List<MergeConflict> Conflicts) MergeOne(ResultStore store, string source, string path)
    {
        store.Execute($"""
            CREATE OR REPLACE TEMP TABLE merge_plan AS
            SELECT s.run_id,
                   CASE WHEN t.run_id IS NULL THEN 'add'
                        WHEN t.status = 'failed' AND s.status = 'completed' THEN 'replace'
                        WHEN t.status = 'completed' AND s.status = 'completed' THEN 'compare'
                        ELSE 'keep' END AS action
            FROM {source}.runs s LEFT JOIN main.runs t USING (run_id)
            """);

        var conflicts = new List<MergeConflict>();
        using (var reader = store.Query($"""
            WITH compared AS (SELECT run_id FROM temp.merge_plan WHERE action = 'compare'),
            difference AS (
                (SELECT run_id, iteration, metric, value FROM {source}.metrics WHERE run_id IN (SELECT run_id FROM compared)
                 EXCEPT ALL
                 SELECT run_id, iteration, metric, value FROM main.metrics WHERE run_id IN (SELECT run_id FROM compared))
                UNION ALL
                (SELECT run_id, iteration, metric, value FROM main.metrics WHERE run_id IN (SELECT run_id FROM compared)
                 EXCEPT ALL
                 SELECT run_id, iteration, metric, value FROM {source}.metrics WHERE run_id IN (SELECT run_id FROM compared)))
            SELECT run_id, count(*) FROM difference GROUP BY run_id ORDER BY run_id
            """))
            while (reader.Read())
                conflicts.Add(new MergeConflict(reader.GetString(0), path, $"{reader.GetInt64(1)} metric rows differ between the two copies; kept the target's"));

        var counts = new Dictionary<string, int>();
        using (var reader = store.Query("SELECT action, count(*) FROM temp.merge_plan GROUP BY action"))
            while (reader.Read()) counts[reader.GetString(0)] = (int)reader.GetInt64(1);

        const string moving = "(SELECT run_id FROM temp.merge_plan WHERE action IN ('add', 'replace'))";
        store.Execute($"""
            DELETE FROM main.metrics WHERE run_id IN (SELECT run_id FROM temp.merge_plan WHERE action = 'replace');
            DELETE FROM main.run_parameters WHERE run_id IN (SELECT run_id FROM temp.merge_plan WHERE action = 'replace');
            DELETE FROM main.runs WHERE run_id IN (SELECT run_id FROM temp.merge_plan WHERE action = 'replace');
            INSERT INTO main.runs SELECT * FROM {source}.runs WHERE run_id IN {moving} ORDER BY rowid;
            INSERT INTO main.run_parameters SELECT * FROM {source}.run_parameters WHERE run_id IN {moving} ORDER BY rowid;
            INSERT INTO main.metrics SELECT * FROM {source}.metrics WHERE run_id IN {moving} ORDER BY rowid;
            """);
        int identical = counts.GetValueOrDefault("keep") + counts.GetValueOrDefault("compare") - conflicts.Count;
        return (counts.GetValueOrDefault("add"), counts.GetValueOrDefault("replace"), identical, conflicts);
    }
}
