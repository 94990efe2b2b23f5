using System.Diagnostics;
using CollapseLab.Loop;
using CollapseLab.Running;
using CollapseLab.Store;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Gaussian;
using CollapseLab.Tests.Support;
using CollapseLab.Workflows;
using DuckDB.NET.Data;

namespace CollapseLab.Tests.Cli;

/// <summary>No command writes over one of its own inputs, over a device or FIFO, or into the current directory for an empty path.</summary>
[Collection(CliTestCollection.Name)]
public sealed class OutputSafetyTests
{
    private const string DataCsv = "x,y\n0.1,0.2\n0.5,0.9\n1.3,0.4\n0.7,1.1\n1.9,0.3\n0.2,1.5\n1.1,1.2\n1.6,0.8\n0.4,0.6\n0.9,1.8\n";

    /// <summary>A store of 6 small Gaussian runs.</summary>
    private static string MakeStore(TempDirectory directory, string name = "S.duckdb")
    {
        string path = directory.File(name);
        var specs = Enumerable.Range(0, 3).SelectMany(s => new IWorkflow[] { new Replace(), new Accumulate() }
            .Select(w => RunSpec.Create(new GaussianSetting(), w, 10, 4, (ulong)s))).ToArray();
        using (var store = ResultStore.Open(path)) store.Write(Runner.Run(specs), threads: 1);
        return path;
    }

    private static void Link(string target, string link, bool hard)
    {
        if (hard) Shell("ln", target, link);
        else File.CreateSymbolicLink(link, target);
    }

    private static void Shell(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}");
    }

    private static void AssertRefused((int ExitCode, string Out, string Error) result, string named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(named, result.Error);
        Assert.DoesNotContain("unexpected", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory]
    [InlineData("--csv", "direct")]
    [InlineData("--parquet", "direct")]
    [InlineData("--csv", "symlink")]
    [InlineData("--parquet", "hardlink")]
    public void Exporting_a_store_onto_itself_is_refused_and_the_store_is_unchanged(string format, string via)
    {
        using var directory = new TempDirectory();
        string store = MakeStore(directory);
        byte[] before = File.ReadAllBytes(store);
        string target = store;
        if (via != "direct") Link(store, target = directory.File("other.name"), hard: via == "hardlink");

        AssertRefused(CliRunner.Run("store", "export", store, format, target), "the same file");

        Assert.Equal(before, File.ReadAllBytes(store));
        using var reopened = ResultStore.OpenReadOnly(store);
        Assert.Equal(6, reopened.CompletedRunIds().Count);
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("symlink")]
    [InlineData("hardlink")]
    [InlineData("linked-directory")]
    public void Run_out_onto_its_data_file_is_refused_and_the_data_are_unchanged(string via)
    {
        using var directory = new TempDirectory();
        string data = directory.File("x.csv");
        File.WriteAllText(data, DataCsv);
        string output = via switch
        {
            "direct" => data,
            "linked-directory" => Path.Combine(directory.File("up"), "x.csv"),
            _ => directory.File("out.csv"),
        };
        if (via is "symlink" or "hardlink") Link(data, output, hard: via == "hardlink");
        if (via == "linked-directory") Directory.CreateSymbolicLink(directory.File("up"), directory.Path);

        AssertRefused(CliRunner.Run("run", "kde", "--data", data, "--samples", "5", "--iterations", "2", "--out", output), "--data");

        Assert.Equal(DataCsv, File.ReadAllText(data));
    }

    [Fact]
    public void Merging_into_a_link_to_a_source_is_refused_with_exit_code_2()
    {
        using var directory = new TempDirectory();
        string store = MakeStore(directory);
        byte[] before = File.ReadAllBytes(store);
        File.CreateSymbolicLink(directory.File("link.duckdb"), store);

        AssertRefused(CliRunner.Run("store", "merge", store, "--into", directory.File("link.duckdb")), "the same file");

        Assert.Equal(before, File.ReadAllBytes(store));
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("aggregates.csv")]
    public void A_report_is_never_written_over_its_own_store(string name)
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("report"));
        string store = MakeStore(directory, Path.Combine("report", name));
        byte[] before = File.ReadAllBytes(store);

        AssertRefused(CliRunner.Run("report", store, "--out", directory.File("report")), "the store");

        Assert.Equal(before, File.ReadAllBytes(store));
        Assert.False(Directory.Exists(directory.File("report/figures")));
    }

    [Fact]
    public void A_slurm_job_directory_never_overwrites_its_sweep_file()
    {
        using var directory = new TempDirectory();
        string sweep = directory.File("sweep.yaml");
        File.WriteAllText(sweep, "task: gaussian\nparameters:\n  samples: {value: 10}\n  iterations: {value: 2}\n  seeds: {value: \"0-1\"}\n");

        AssertRefused(CliRunner.Run("sweep", "slurm", sweep, "--shards", "2", "--partition", "p", "--out", directory.Path), "the sweep file");

        Assert.Equal(["sweep.yaml"], Directory.EnumerateFileSystemEntries(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Run_out_to_a_fifo_writes_through_it_and_leaves_it_a_fifo()
    {
        using var directory = new TempDirectory();
        string fifo = directory.File("pipe");
        Shell("mkfifo", fifo);
        // Opened for reading and writing, a FIFO does not wait for a partner, and it holds the CSV (< 64 KiB) until read.
        using var reader = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

        var (code, _, error) = CliRunner.Run("run", "gaussian", "--samples", "5", "--iterations", "2", "--out", fifo);

        Assert.True(code == 0, error);
        Assert.Equal("fifo", FileType(fifo));
        Assert.Equal([Path.GetFileName(fifo)], Directory.EnumerateFileSystemEntries(directory.Path).Select(Path.GetFileName));
        var text = new System.Text.StringBuilder();
        var buffer = new byte[1 << 16];
        while (text.ToString().Count(c => c == '\n') < 1 + 2 * 5) text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, reader.Read(buffer)));
        Assert.StartsWith("task,workflow,", text.ToString());
    }

    [Fact]
    public void Output_to_a_character_device_writes_through_it_and_leaves_it_a_device()
    {
        using var directory = new TempDirectory();
        // As root a private copy of /dev/null (a failure then harms nothing); otherwise /dev/null, which a user cannot replace.
        string device = directory.File("null");
        bool root = TryShell("mknod", device, "c", "1", "3");
        if (!root) device = "/dev/null";
        string store = MakeStore(directory);

        var run = CliRunner.Run("run", "gaussian", "--samples", "5", "--iterations", "2", "--out", device);
        var export = CliRunner.Run("store", "export", store, "--csv", device);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal("character special file", FileType(device));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(device)!, ".null.*"));
    }

    /// <summary>What stat(1) calls the file: "regular file", "fifo", "character special file".</summary>
    private static string FileType(string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "-L", "-c", "%F", path }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string type = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return type;
    }

    private static bool TryShell(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    public static TheoryData<string[], string> EmptyPaths => new()
    {
        { ["run", "gaussian", "--iterations", "1", "--out", ""], "--out" },
        { ["sweep", "run", "SWEEP", "--store", ""], "--store" },
        { ["sweep", "run", "", "--store", "STORE"], "file" },
        { ["sweep", "plan", ""], "file" },
        { ["sweep", "slurm", "SWEEP", "--shards", "2", "--partition", "p", "--out", ""], "--out" },
        { ["mixture", "gaussian", "--real", "10", "--synthetic", "0", "--store", ""], "--store" },
        { ["store", "merge", "STORE", "--into", ""], "--into" },
        { ["store", "merge", "", "--into", "STORE"], "sources" },
        { ["store", "export", "STORE", "--csv", ""], "--csv" },
        { ["store", "export", "STORE", "--parquet", " "], "--parquet" },
        { ["store", "info", ""], "store" },
        { ["report", "STORE", "--out", ""], "--out" },
        { ["report", "", "--out", "REPORT"], "store" },
        { ["reproduce", "--store", ""], "--store" },
        { ["reproduce", "--out", ""], "--out" },
    };

    [Theory]
    [MemberData(nameof(EmptyPaths))]
    public void An_empty_path_is_exit_code_2_naming_the_option_and_writes_nothing(string[] args, string named)
    {
        using var directory = new TempDirectory();
        string store = MakeStore(directory);
        string sweep = directory.File("sweep.yaml");
        File.WriteAllText(sweep, "task: gaussian\nparameters:\n  samples: {value: 10}\n  iterations: {value: 2}\n  seeds: {value: \"0\"}\n");
        var before = Directory.EnumerateFileSystemEntries(directory.Path).Order().ToArray();
        var cwdBefore = Directory.EnumerateFileSystemEntries(Environment.CurrentDirectory).Order().ToArray();
        string[] resolved = args.Select(a => a switch { "STORE" => store, "SWEEP" => sweep, "REPORT" => directory.File("report"), _ => a }).ToArray();

        var result = CliRunner.Run(resolved);

        AssertRefused(result, named);
        Assert.Contains("empty path", result.Error);
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(directory.Path).Order().ToArray());
        Assert.Equal(cwdBefore, Directory.EnumerateFileSystemEntries(Environment.CurrentDirectory).Order().ToArray());
    }

    [Fact]
    public void Exporting_where_DuckDB_cannot_write_is_exit_code_2_in_one_line()
    {
        using var directory = new TempDirectory();
        string store = MakeStore(directory);

        var result = CliRunner.Run("store", "export", store, "--csv", "/proc/x.csv");

        AssertRefused(result, "/proc/x.csv");
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("DuckDBException", result.Error);
    }

    [Fact]
    public void A_store_with_a_retyped_column_is_refused_when_opened_and_left_unchanged()
    {
        using var directory = new TempDirectory();
        string store = MakeStore(directory);
        using (var connection = new DuckDBConnection($"DataSource={store}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE metrics ALTER value TYPE VARCHAR; CHECKPOINT;";
            command.ExecuteNonQuery();
        }
        byte[] before = File.ReadAllBytes(store);

        foreach (var args in new[] { new[] { "report", store, "--out", directory.File("report") }, ["store", "info", store], ["store", "merge", store, "--into", directory.File("m.duckdb")] })
        {
            var result = CliRunner.Run(args);
            AssertRefused(result, "metrics.value");
            Assert.Contains("VARCHAR", result.Error);
        }
        Assert.Equal(before, File.ReadAllBytes(store));
        Assert.False(File.Exists(directory.File("m.duckdb")));
    }

    [Fact]
    public void Stale_temporary_files_of_dead_processes_are_removed_by_the_next_write_and_live_ones_kept()
    {
        using var directory = new TempDirectory();
        int dead = DeadPid(), alive = 1; // init never exits
        string[] stale = [$".x.csv.{dead}.tmp", $".S.duckdb.{dead}.creating", $".S.duckdb.{dead}.creating.wal", $".e.csv.{dead}.tmp"];
        string[] kept = [$".x.csv.{alive}.tmp", $".S.duckdb.{alive}.creating", $".S.duckdb.{alive}.creating.wal", $".x.csv.{dead}.tmp.keep", $".other.csv.{dead}.tmp"];
        foreach (var name in stale.Concat(kept)) File.WriteAllText(directory.File(name), "left by a killed process");

        var run = CliRunner.Run("run", "gaussian", "--samples", "5", "--iterations", "2", "--out", directory.File("x.csv"));
        string store = MakeStore(directory);
        var export = CliRunner.Run("store", "export", store, "--csv", directory.File("e.csv"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(export.ExitCode == 0, export.Error);
        foreach (var name in stale) Assert.False(File.Exists(directory.File(name)), name);
        foreach (var name in kept) Assert.True(File.Exists(directory.File(name)), name);
    }

    /// <summary>The PID of a process that has exited (and was reaped).</summary>
    private static int DeadPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true"))!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void Figure_files_of_a_run_with_a_long_data_path_fit_and_the_page_keeps_the_full_name()
    {
        using var directory = new TempDirectory();
        string folder = directory.File(new string('d', 100));
        Directory.CreateDirectory(folder);
        string data = Path.Combine(folder, new string('k', 80) + ".csv");
        File.WriteAllText(data, DataCsv);
        var setting = TaskCatalog.BuiltIn.Create("kde", new Dictionary<string, string> { ["data"] = data });
        var specs = Enumerable.Range(0, 2).Select(s => RunSpec.Create(setting, new Replace(), 5, 3, (ulong)s)).ToArray();
        string store = directory.File("kde.duckdb");
        using (var results = ResultStore.Open(store)) results.Write(Runner.Run(specs), threads: 1);

        var (code, _, error) = CliRunner.Run("report", store, "--out", directory.File("report"));

        Assert.True(code == 0, error);
        var figures = Directory.EnumerateFiles(directory.File("report/figures")).Select(Path.GetFileName).ToArray();
        Assert.NotEmpty(figures);
        Assert.All(figures, f => Assert.True(f!.Length <= 140, f));
        string html = File.ReadAllText(directory.File("report/index.html"));
        Assert.Contains(new string('k', 80) + ".csv", html);
    }

    [Fact]
    public void Reproduce_refuses_a_store_that_its_report_would_overwrite_before_running_anything()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("report"));
        string store = MakeStore(directory, Path.Combine("report", "index.html"));
        byte[] before = File.ReadAllBytes(store);

        AssertRefused(CliRunner.Run("reproduce", "--store", store, "--out", directory.File("report")), "--store");

        Assert.Equal(before, File.ReadAllBytes(store));
        Assert.Equal(["index.html"], Directory.EnumerateFileSystemEntries(directory.File("report")).Select(Path.GetFileName));
    }
}
