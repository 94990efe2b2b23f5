using TorchSharp;
using static TorchSharp.torch;

namespace CollapseLab.Lm;

/// <summary>Loading libtorch and choosing its device and thread count.</summary>
public static class TorchRuntime
{
    /// <summary>Loads libtorch (once) or explains why it cannot be loaded.</summary>
    /// <exception cref="InvalidOperationException">libtorch cannot be loaded; the message says what to check.</exception>
    public static void EnsureLoaded()
    {
        try
        {
            InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException)
        {
            // TorchSharp reports a native library the loader refused as a missing package reference.
            throw new InvalidOperationException(
                "libtorch could not be loaded. The build output needs libtorch-cpu-linux-x64's natives next to libLibTorchSharp.so "
                + "(RuntimeIdentifier linux-x64 on the executable), and on systems whose libstdc++ lacks GLIBCXX_3.4.32 "
                + "(Debian 12) the copy of libLibTorchSharp.so must have been fixed up by Directory.Build.targets after Build or "
                + $"Publish; rebuild with 'dotnet build'. Cause: {Innermost(e).Message}", e);
        }
    }

    /// <summary>
    /// Sets libtorch's intra-op threads (process-wide) and returns the device for <paramref name="deviceName"/>
    /// (<c>cpu</c> or <c>cuda</c>). Results are bit-identical only for the same thread count.
    /// </summary>
    /// <exception cref="InvalidOperationException">cuda was asked for but is not available.</exception>
    public static Device Configure(int threads, string deviceName)
    {
        EnsureLoaded();
        if (get_num_threads() != threads) set_num_threads(threads);
        if (deviceName != "cuda") return CPU;
        if (!cuda.is_available())
            throw new InvalidOperationException("invalid --device cuda for task lm: libtorch sees no CUDA device. This build references the CPU "
                + "package libtorch-cpu-linux-x64; a GPU needs libtorch-cuda-12.8-linux-x64 2.10.0 in its place (src/CollapseLab.Lm, "
                + "Directory.Packages.props) and an NVIDIA driver for CUDA 12.8 (docs/lm.md, 'Threads, devices and determinism'); expected --device cpu here");
        return CUDA;
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
