using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace CollapseLab.Tests.Support;

/// <summary>The real CLI as a child process (<c>dotnet collapse.dll …</c>), so tests can kill it like a user would.</summary>
public sealed class CollapseProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    public CollapseProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Repository.CollapseDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    public string StandardOutput { get { lock (_stdout) return _stdout.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end (at most <paramref name="timeout"/>) and returns its exit code.</summary>
    public int Wait(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"collapse did not finish within {timeout}; stderr:\n{StandardError}");
        }
        _process.WaitForExit(); // flush the output handlers
        return _process.ExitCode;
    }

    /// <summary>SIGINT, what Ctrl+C in a terminal sends.</summary>
    public void Interrupt()
    {
        const int sigint = 2;
        if (kill(_process.Id, sigint) != 0) throw new InvalidOperationException($"kill -INT {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>SIGKILL: no cleanup, no flush, like <c>kill -9</c>.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Runs collapse to completion and returns (exit code, stdout, stderr).</summary>
    public static (int ExitCode, string Output, string Error) Run(TimeSpan timeout, params string[] arguments)
    {
        using var process = new CollapseProcess(arguments);
        int code = process.Wait(timeout);
        return (code, process.StandardOutput, process.StandardError);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
