using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CollapseLab.Tasks.External;

/// <summary>
/// Runs one step's program without a shell (arguments passed as they are), its standard output and error going to
/// files; a timeout or cancellation kills the program and everything it started.
/// </summary>
/// <param name="timeout">The longest a step may run, or null for no limit.</param>
/// <param name="cancellation">Cancels the run (Ctrl+C): the running program is killed.</param>
internal sealed class StepProcess(TimeSpan? timeout, CancellationToken cancellation)
{
    /// <summary>Lines of standard error quoted when a step fails.</summary>
    private const int StderrTailLines = 10;

    /// <summary>
    /// Runs <paramref name="arguments"/> (program first) in the current directory, writing <c>STEP.stdout</c> and
    /// <c>STEP.stderr</c> in <paramref name="directory"/>; returns the path of the standard-output file.
    /// </summary>
    /// <exception cref="ExternalStepException">The program could not start, exited non-zero or timed out.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the program was killed.</exception>
    public string Run(string step, int iteration, string[] arguments, string directory)
    {
        string stdoutPath = Path.Combine(directory, step + ".stdout"), stderrPath = Path.Combine(directory, step + ".stderr");
        var start = new ProcessStartInfo(arguments[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Skip(1)) start.ArgumentList.Add(argument);

        using var stdout = new FileStream(stdoutPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        using var stderr = new FileStream(stderrPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ExternalStepException($"{step} at iteration {iteration} could not start '{arguments[0]}': {e.Message}; command: {CommandTemplate.Display(arguments)}");
        }
        process.StandardInput.Close(); // a program that reads standard input sees its end, not a hang
        var copies = Task.WhenAll(process.StandardOutput.BaseStream.CopyToAsync(stdout), process.StandardError.BaseStream.CopyToAsync(stderr));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeout is { } t) limit.CancelAfter(t);
        try
        {
            process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            copies.Wait(TimeSpan.FromSeconds(5)); // a grandchild holding the pipes open must not hang us
            cancellation.ThrowIfCancellationRequested();
            throw Failure(step, iteration, arguments, $"timed out after {timeout!.Value.TotalSeconds:0.###} s (--step-timeout) and was killed", stderr, stderrPath);
        }
        copies.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
            throw Failure(step, iteration, arguments, $"exited with code {process.ExitCode}", stderr, stderrPath);
        return stdoutPath;
    }

    private static ExternalStepException Failure(string step, int iteration, string[] arguments, string what, FileStream stderr, string stderrPath)
    {
        stderr.Flush();
        string tail = string.Join("\n", ReadTail(stderrPath));
        return new ExternalStepException($"{step} at iteration {iteration} {what}; command: {CommandTemplate.Display(arguments)}"
            + (tail.Length == 0 ? "; no standard error" : $"; last lines of standard error ({stderrPath}):\n{tail}"));
    }

    /// <summary>The last lines of a step's standard error.</summary>
    internal static IEnumerable<string> ReadTail(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        const int tailBytes = 4096;
        file.Seek(Math.Max(0, file.Length - tailBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        return reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(StderrTailLines).ToArray();
    }
}
