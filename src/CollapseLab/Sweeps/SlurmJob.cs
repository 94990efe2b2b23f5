using System.Text;

namespace CollapseLab.Sweeps;

/// <summary>
/// A sweep laid out for Slurm in one directory: <c>sweep.yaml</c> (a copy of the sweep file), <c>sweep.sbatch</c>
/// (a job array, one task per shard, each writing its own store under <c>stores/</c>), <c>merge.sbatch</c>
/// (merges the shard stores into <c>results.duckdb</c>; submitted with <c>--dependency=afterok</c> on the array),
/// <c>submit.sh</c> (submits both) and <c>logs/</c>.
/// </summary>
/// <param name="Directory">The job directory (absolute).</param>
/// <param name="Shards">N: array tasks 1..N run shards 1/N..N/N.</param>
/// <param name="Partition">Slurm partition.</param>
/// <param name="CpusPerTask">CPUs per array task (also the sweep's --threads).</param>
/// <param name="TimeLimit">Slurm time limit of each array task and of the merge (e.g. <c>04:00:00</c>).</param>
/// <param name="Collapse">The command that runs collapse on a compute node, as argv words.</param>
/// <param name="Name">Job name.</param>
public sealed record SlurmJob(string Directory, int Shards, string Partition, int CpusPerTask, string TimeLimit,
    IReadOnlyList<string> Collapse, string Name)
{
    /// <summary>
    /// Extra <c>#SBATCH</c> options of the array tasks (a GPU request: <c>--gres=gpu:1</c>), each one word; see
    /// <see cref="CheckDirective"/>.
    /// </summary>
    public IReadOnlyList<string> Directives { get; init; } = [];

    /// <summary>
    /// Null when <paramref name="directive"/> can be an extra <c>#SBATCH</c> line as it is, else what is wrong: it must
    /// be one option starting with <c>--</c>, without white space, quotes, backslashes, <c>$</c>, backticks or
    /// <c>#</c>, so that sbatch reads it exactly as written and nothing can break out of its line.
    /// </summary>
    public static string? CheckDirective(string directive) =>
        !directive.StartsWith("--", StringComparison.Ordinal) || directive.Length < 3 ? "expected an sbatch option starting with --, e.g. --gres=gpu:1"
        : directive.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\\' or '\'' or '"' or '$' or '`' or '#')
            ? "it may not hold white space, quotes, backslashes, $, backticks or #"
            : null;

    public string SweepFile => Path.Combine(Directory, "sweep.yaml");
    public string ArrayScript => Path.Combine(Directory, "sweep.sbatch");
    public string MergeScript => Path.Combine(Directory, "merge.sbatch");
    public string SubmitScript => Path.Combine(Directory, "submit.sh");
    public string Logs => Path.Combine(Directory, "logs");
    public string Stores => Path.Combine(Directory, "stores");
    public string Results => Path.Combine(Directory, "results.duckdb");

    /// <summary>The store of shard <paramref name="index"/> (1-based).</summary>
    public string StoreOf(int index) => Path.Combine(Stores, $"shard-{index}-of-{Shards}.duckdb");

    /// <summary>Creates the directory layout and writes the sweep copy and the three scripts.</summary>
    public void Write(string sweepYaml)
    {
        System.IO.Directory.CreateDirectory(Logs);
        System.IO.Directory.CreateDirectory(Stores);
        File.WriteAllText(SweepFile, sweepYaml);
        WriteScript(ArrayScript, ArrayScriptText());
        WriteScript(MergeScript, MergeScriptText());
        WriteScript(SubmitScript, SubmitScriptText());
    }

    public string ArrayScriptText()
    {
        string collapse = string.Join(' ', Collapse.Select(Quote));
        return $$"""
            #!/bin/bash
            #SBATCH --job-name={{Name}}
            #SBATCH --partition={{Partition}}
            #SBATCH --array=1-{{Shards}}
            #SBATCH --cpus-per-task={{CpusPerTask}}
            #SBATCH --time={{TimeLimit}}
            {{string.Concat(Directives.Select(d => $"#SBATCH {d}\n"))}}#SBATCH --output={{Path.Combine(Logs, "shard-%a.out")}}
            # One array task per shard; each writes its own store, so no two processes share a DuckDB file.
            # Resubmitting resumes: runs already completed in a shard's store are skipped.
            set -euo pipefail
            shard="${SLURM_ARRAY_TASK_ID:?run me with sbatch}"
            exec {{collapse}} sweep run {{Quote(SweepFile)}} \
                --store {{Quote(Stores)}}/"shard-${shard}-of-{{Shards}}.duckdb" \
                --shard "${shard}/{{Shards}}" --threads "${SLURM_CPUS_PER_TASK:-{{CpusPerTask}}}"

            """;
    }

    public string MergeScriptText()
    {
        string collapse = string.Join(' ', Collapse.Select(Quote));
        var stores = new StringBuilder();
        for (int i = 1; i <= Shards; i++) stores.Append(" \\\n    ").Append(Quote(StoreOf(i)));
        return $$"""
            #!/bin/bash
            #SBATCH --job-name={{Name}}-merge
            #SBATCH --partition={{Partition}}
            #SBATCH --cpus-per-task=1
            #SBATCH --time={{TimeLimit}}
            #SBATCH --output={{Path.Combine(Logs, "merge.out")}}
            set -euo pipefail
            exec {{collapse}} store merge{{stores}} \
                --into {{Quote(Results)}}

            """;
    }

    public string SubmitScriptText() => $$"""
        #!/bin/bash
        # Submits the sweep's job array, then the merge job, which starts only after every shard succeeded.
        set -euo pipefail
        array="$(sbatch --parsable {{Quote(ArrayScript)}})"
        array="${array%%;*}"
        merge="$(sbatch --parsable --dependency=afterok:"$array" {{Quote(MergeScript)}})"
        echo "sweep job array: $array"
        echo "merge job: ${merge%%;*}"

        """;

    /// <summary>A word quoted for bash.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
