using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CollapseLab.Parameters;

namespace CollapseLab.Sweeps;

/// <summary>
/// A sweep laid out for Slurm in one directory: <c>sweep.yaml</c> (a copy of the sweep file), <c>sweep.sbatch</c>
/// (a job array, one task per shard, each writing its own store under <c>stores/</c>), <c>merge.sbatch</c>
/// (merges the shard stores into <c>results.duckdb</c>; submitted with <c>--dependency=afterok</c> on the array),
/// <c>submit.sh</c> (submits both) and <c>logs/</c>.
/// </summary>
/// <param name="Directory">The job directory (absolute).</param>
/// <param name="Shards">N: array tasks 1..N run shards 1/N..N/N.</param>
/// <param name="Partition">Slurm partition, or null for the cluster's default partition.</param>
/// <param name="CpusPerTask">CPUs per array task (also the sweep's --threads).</param>
/// <param name="TimeLimit">Slurm time limit of each array task and of the merge (e.g. <c>04:00:00</c>; see <see cref="IsTimeLimit"/>).</param>
/// <param name="Collapse">The command that runs collapse on a compute node, as argv words.</param>
/// <param name="Name">Job name.</param>
/// <remarks>
/// Values reach two readers: bash runs the script lines, where every word is single-quoted (<see cref="Quote"/>);
/// sbatch reads the <c>#SBATCH</c> lines itself, splitting them like a shell that knows only double quotes and
/// backslash escapes, where an unquoted <c>#</c> starts a comment and a line ends at the newline; sbatch then expands
/// <c>%</c> patterns in <c>--output</c> file names, and a backslash anywhere in such a name turns every pattern off.
/// So <see cref="SbatchValue"/> double-quotes each value that is not plain, escapes <c>"</c> and <c>#</c>, writes <c>%</c> as <c>%%</c>
/// in file names, and the job directory may not hold a control character or a backslash.
/// </remarks>
public sealed record SlurmJob(string Directory, int Shards, string? Partition, int CpusPerTask, string TimeLimit,
    IReadOnlyList<string> Collapse, string Name)
{
    /// <summary>The job directory's problem for an <c>#SBATCH</c> line (a control character or a backslash), or null.</summary>
    private static string? DirectoryProblem(string directory) =>
        directory.Any(char.IsControl) ? "it holds a control character (e.g. a newline), which cannot be written into an #SBATCH line"
        : directory.Contains('\\') ? "it holds a backslash, which turns off sbatch's %a in the log file names"
        : null;

    /// <summary>
    /// True for the time formats sbatch accepts: <c>M</c>, <c>M:SS</c>, <c>H:MM:SS</c>, <c>D-H</c>, <c>D-H:MM</c>,
    /// <c>D-H:MM:SS</c> (minutes and seconds 0–59, hours after days 0–23; 0 means no limit), <c>INFINITE</c> or <c>UNLIMITED</c>.
    /// </summary>
    public static bool IsTimeLimit(string limit)
    {
        if (limit is "INFINITE" or "UNLIMITED" or "infinite" or "unlimited") return true;
        var match = Regex.Match(limit, @"^(?:(\d{1,6})-(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?|(\d{1,8})(?::(\d{1,2}))?(?::(\d{1,2}))?)$");
        if (!match.Success) return false;
        int Field(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return match.Groups[1].Success
            ? Field(2) <= 23 && Field(3) <= 59 && Field(4) <= 59
            : match.Groups[7].Success ? Field(6) <= 59 && Field(7) <= 59 // H:MM:SS
            : Field(6) <= 59; // M or M:SS
    }

    /// <summary>Checks the values that reach the scripts.</summary>
    /// <exception cref="InvalidParameterException">A job directory <see cref="DirectoryProblem"/> names, an
    /// invalid partition name or time limit, or fewer than one shard or CPU.</exception>
    public void Validate()
    {
        if (DirectoryProblem(Directory) is { } problem)
            throw new InvalidParameterException("out", $"invalid --out '{Directory.ReplaceLineEndings("\\n")}': {problem}");
        if (Partition is not null && !Regex.IsMatch(Partition, "^[A-Za-z0-9_.,-]+$"))
            throw new InvalidParameterException("partition", $"invalid --partition '{Partition}': expected partition names of letters, digits, '_', '.', '-', separated by ','");
        if (!IsTimeLimit(TimeLimit))
            throw new InvalidParameterException("time", $"invalid --time '{TimeLimit}': expected minutes, M:SS, H:MM:SS, D-H, D-H:MM or D-H:MM:SS (minutes and seconds 0-59, hours after days 0-23)");
        if (Shards < 1) throw new InvalidParameterException("shards", $"invalid --shards {Shards}: expected an integer ≥ 1");
        if (CpusPerTask < 1) throw new InvalidParameterException("cpus-per-task", $"invalid --cpus-per-task {CpusPerTask}: expected an integer ≥ 1");
    }

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

    /// <summary>The copy of the sweep file the array tasks run: <c>sweep.yaml</c> in the job directory.</summary>
    public string SweepFile => Path.Combine(Directory, "sweep.yaml");
    /// <summary>The job array's script, one task per shard: <c>sweep.sbatch</c>.</summary>
    public string ArrayScript => Path.Combine(Directory, "sweep.sbatch");
    /// <summary>The merge job's script, which merges the shards' stores into <see cref="Results"/>: <c>merge.sbatch</c>.</summary>
    public string MergeScript => Path.Combine(Directory, "merge.sbatch");
    /// <summary>Submits the array, then the merge job after every shard succeeded: <c>submit.sh</c>.</summary>
    public string SubmitScript => Path.Combine(Directory, "submit.sh");
    /// <summary>The directory of the jobs' standard output: <c>logs/</c>.</summary>
    public string Logs => Path.Combine(Directory, "logs");
    /// <summary>The directory of the shards' stores (<see cref="StoreOf"/>): <c>stores/</c>.</summary>
    public string Stores => Path.Combine(Directory, "stores");
    /// <summary>The merged store: <c>results.duckdb</c>.</summary>
    public string Results => Path.Combine(Directory, "results.duckdb");

    /// <summary>The store of shard <paramref name="index"/> (1-based).</summary>
    public string StoreOf(int index) => Path.Combine(Stores, $"shard-{index}-of-{Shards}.duckdb");

    /// <summary>Checks the job (<see cref="Validate"/>), creates the directory layout and writes the sweep copy and the three scripts.</summary>
    public void Write(string sweepYaml)
    {
        Validate();
        System.IO.Directory.CreateDirectory(Logs);
        System.IO.Directory.CreateDirectory(Stores);
        File.WriteAllText(SweepFile, sweepYaml);
        WriteScript(ArrayScript, ArrayScriptText());
        WriteScript(MergeScript, MergeScriptText());
        WriteScript(SubmitScript, SubmitScriptText());
    }

    internal string ArrayScriptText()
    {
        string collapse = string.Join(' ', Collapse.Select(Quote));
        return $$"""
            #!/bin/bash
            #SBATCH --job-name={{SbatchValue(Name)}}
            {{PartitionLine}}#SBATCH --array=1-{{Shards}}
            #SBATCH --cpus-per-task={{CpusPerTask}}
            #SBATCH --time={{TimeLimit}}
            {{string.Concat(Directives.Select(d => $"#SBATCH {d}\n"))}}#SBATCH --output={{SbatchValue(FileNamePattern(Logs) + "/shard-%a.out")}}
            # One array task per shard; each writes its own store, so no two processes share a DuckDB file.
            # Resubmitting resumes: runs already completed in a shard's store are skipped.
            set -euo pipefail
            shard="${SLURM_ARRAY_TASK_ID:?run me with sbatch}"
            exec {{collapse}} sweep run {{Quote(SweepFile)}} \
                --store {{Quote(Stores)}}/"shard-${shard}-of-{{Shards}}.duckdb" \
                --shard "${shard}/{{Shards}}" --threads "${SLURM_CPUS_PER_TASK:-{{CpusPerTask}}}"

            """;
    }

    internal string MergeScriptText()
    {
        string collapse = string.Join(' ', Collapse.Select(Quote));
        var stores = new StringBuilder();
        for (int i = 1; i <= Shards; i++) stores.Append(" \\\n    ").Append(Quote(StoreOf(i)));
        return $$"""
            #!/bin/bash
            #SBATCH --job-name={{SbatchValue(Name + "-merge")}}
            {{PartitionLine}}#SBATCH --cpus-per-task=1
            #SBATCH --time={{TimeLimit}}
            #SBATCH --output={{SbatchValue(FileNamePattern(Logs) + "/merge.out")}}
            set -euo pipefail
            exec {{collapse}} store merge{{stores}} \
                --into {{Quote(Results)}}

            """;
    }

    internal string SubmitScriptText() => $$"""
        #!/bin/bash
        # Submits the sweep's job array, then the merge job, which starts only after every shard succeeded.
        set -euo pipefail
        array="$(sbatch --parsable {{Quote(ArrayScript)}})"
        array="${array%%;*}"
        merge="$(sbatch --parsable --dependency=afterok:"$array" {{Quote(MergeScript)}})"
        echo "sweep job array: $array"
        echo "merge job: ${merge%%;*}"

        """;

    /// <summary>The partition's <c>#SBATCH</c> line with its newline, or nothing: sbatch then uses the cluster's default partition.</summary>
    private string PartitionLine => Partition is null ? "" : $"#SBATCH --partition={SbatchValue(Partition)}\n";

    /// <summary>A value as sbatch reads it from an <c>#SBATCH</c> line: as is when plain, else double-quoted with <c>\</c>, <c>"</c> and <c>#</c> escaped.</summary>
    /// <exception cref="ArgumentException">A control character: an #SBATCH value cannot hold one.</exception>
    private static string SbatchValue(string value) =>
        value.Any(char.IsControl) ? throw new ArgumentException("an #SBATCH value cannot hold a control character", nameof(value))
        : IsPlain(value) ? value
        : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("#", "\\#") + "\"";

    /// <summary>A literal path inside an sbatch file name pattern: <c>%</c> written as <c>%%</c>.</summary>
    private static string FileNamePattern(string path) => path.Replace("%", "%%");

    /// <summary>A word quoted for bash.</summary>
    public static string Quote(string word) => IsPlain(word) ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>A word that means itself to bash and to sbatch's #SBATCH reader.</summary>
    private static bool IsPlain(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',' or '%');

    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
