#!/usr/bin/env bash
# Packs the solution into a temporary folder, installs the `collapse` tool from it as a local feed and runs it, and
# builds C# file-based apps against the packages from that feed: one on the core CollapseLab alone (which must bring
# none of DuckDB, ScottPlot/Skia, YamlDotNet), one on CollapseLab.Studies. Expects the Release build of ./test.
# Its last line: "package: N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { # check NAME COMMAND...: runs the command, counts it, shows its output when it fails
  local name="$1"; shift
  if "$@" >"$work/out" 2>&1; then passed=$((passed + 1)); echo "package: $name: passed"
  else failed=$((failed + 1)); cat "$work/out"; echo "package: $name: FAILED"; fi
}

# Packages of this version may already sit in the user's NuGet cache from an older pack: restore into a cache of our
# own, so what is tested is what was just packed. It starts as hard links to the user's cache without CollapseLab's own
# packages (a copy would be gigabytes: DuckDB alone is 421 MB); where links cannot be made, it starts empty and the
# user's cache serves the dependencies as a read-only feed.
export NUGET_PACKAGES="$work/packages"
if [ -d "${HOME}/.nuget/packages" ] && cp -al "${HOME}/.nuget/packages" "$NUGET_PACKAGES" 2>/dev/null; then
  rm -rf "$NUGET_PACKAGES"/collapselab*
else
  rm -rf "$NUGET_PACKAGES"; mkdir -p "$NUGET_PACKAGES"
fi
cat >"$work/nuget.config" <<CONFIG
<configuration>
  <packageSources>
    <clear />
    <add key="packed" value="$work/feed" />
    <add key="user-cache" value="${HOME}/.nuget/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"

check "dotnet pack" dotnet pack "$root/CollapseLab.sln" -c Release --no-build -nologo -v quiet -o "$work/feed"
for id in CollapseLab CollapseLab.Studies CollapseLab.Lm CollapseLab.Cli; do
  check "$id.$version.nupkg" test -s "$work/feed/$id.$version.nupkg"
done
[ -f "$work/feed/CollapseLab.Cli.$version.nupkg" ] && echo "package: tool package $(du -m "$work/feed/CollapseLab.Cli.$version.nupkg" | cut -f1) MB"

# The tool, from the local feed: the same CSV as the repository's own build.
check "dotnet tool install" dotnet tool install CollapseLab.Cli --version "$version" --tool-path "$work/tool" --configfile "$work/nuget.config"
arguments=(run gaussian --workflow accumulate --dim 3 --samples 20 --iterations 5 --seeds 0-3)
check "collapse run gaussian (tool)" "$work/tool/collapse" "${arguments[@]}" --out "$work/tool.csv"
dotnet "$root/src/CollapseLab.Cli/bin/Release/net10.0/linux-x64/collapse.dll" "${arguments[@]}" --out "$work/build.csv" >/dev/null 2>&1
check "tool output = build output" cmp "$work/tool.csv" "$work/build.csv"
rm -rf "$work/tool" # the installed tool holds its own libtorch (about 900 MB): gone before the apps below restore anything

# The studies' dependencies among an app's output files (assemblies or natives), counted the same way in both apps
# below: none for the core package alone, all four for CollapseLab.Studies (so the count can see them).
studies_files='new[] { "duckdb", "SkiaSharp", "ScottPlot", "YamlDotNet" }.Count(d => Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories).Any(f => Path.GetFileName(f).Contains(d, StringComparison.OrdinalIgnoreCase)))'

# The core package alone from a file-based app outside the repository: a Gaussian run, nothing of the studies.
mkdir -p "$work/core" && cp "$work/nuget.config" "$work/core/"
cat >"$work/core/uses-core.cs" <<APP
#:package CollapseLab@$version
using CollapseLab.Loop; using CollapseLab.Tasks.Gaussian; using CollapseLab.Workflows;
var task = new GaussianSetting(new() { Dim = 2 });
var result = task.Run(RunSpec.Create(task, new Accumulate(), 10, 8, 0));
int studiesFiles = $studies_files;
Console.WriteLine(\$"{result.Metrics.Count} metrics; studies' dependencies in the output: {studiesFiles}");
return result.Succeeded && studiesFiles == 0 ? 0 : 1;
APP
check "file-based app on the core CollapseLab package alone" dotnet run "$work/core/uses-core.cs"

# The studies package from a file-based app outside the repository: a run, and a report (the bundled font travels as content).
mkdir -p "$work/app" && cp "$work/nuget.config" "$work/app/"
cat >"$work/app/uses-package.cs" <<APP
#:package CollapseLab.Studies@$version
using CollapseLab.Loop; using CollapseLab.Reports; using CollapseLab.Tasks; using CollapseLab.Tasks.Gaussian; using CollapseLab.Workflows;
var task = new GaussianSetting(new() { Dim = 2 });
var results = Enumerable.Range(0, 6).Select(s => task.Run(RunSpec.Create(task, new Replace(), 10, 8, (ulong)s))).ToArray();
var report = Report.Build(results, TaskCatalog.BuiltIn);
Console.WriteLine(\$"{results.Count(r => r.Succeeded)} runs, {report.Figures.Count} figures");
bool bundledFont = File.Exists(Path.Combine(AppContext.BaseDirectory, "fonts", "DejaVuSans.ttf")); // not only a system font
int studiesFiles = $studies_files;
Console.WriteLine(\$"studies' dependencies in the output: {studiesFiles} of 4");
return results.All(r => r.Succeeded) && report.Figures.Count > 0 && bundledFont && studiesFiles == 4 ? 0 : 1;
APP
check "file-based app on the CollapseLab.Studies package" dotnet run "$work/app/uses-package.cs"

echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
