using System.Text.RegularExpressions;
using CollapseLab.Parameters;
using CollapseLab.Running;
using CollapseLab.Tasks;
using CollapseLab.Tasks.Discrete;
using CollapseLab.Workflows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CollapseLab.Sweeps;

/// <summary>
/// Reads sweep files: the grid subset of the Weights &amp; Biases sweep format plus <c>task:</c>.
/// <code>
/// task: gaussian                      # or program: …/fit_gaussians.py (the reference study's files)
/// method: grid                        # optional; grid is the only method
/// parameters:
///   workflow: {values: [replace, accumulate]}
///   dim: {values: [1, 10]}
///   samples: {value: 100}
///   seeds: {value: "0-99"}            # or seed: {values: [0, 1, 2]}
///   group:                            # nested parameters: group names only organise the file
///     parameters:
///       sigma2: {value: 1.0}
/// </code>
/// Keys are the CLI's option names or the reference study's aliases (<see cref="ReferenceAliases"/>).
/// W&amp;B's bookkeeping keys (<c>name</c>, <c>description</c>, <c>entity</c>, <c>project</c>, <c>metric</c>,
/// <c>command</c>) are accepted and ignored. Everything else is an error naming file, line and column.
/// </summary>
public static class SweepFile
{
    private static readonly string[] TopLevelKeys = ["task", "program", "method", "parameters", "name", "description", "entity", "project", "metric", "command"];
    private static readonly string[] NonGridKeys = ["distribution", "min", "max", "mu", "sigma", "q", "probabilities"];

    /// <summary>Reads and checks the sweep file at <paramref name="path"/> (every value is validated; nothing runs); its task and workflows are looked up in <paramref name="catalog"/>.</summary>
    /// <exception cref="SweepException">The file is unreadable or not a valid sweep.</exception>
    public static SweepSpec Load(string path, TaskCatalog catalog)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SweepException(null, $"cannot read sweep file '{path}': {e.Message}");
        }
        return Parse(text, path, catalog);
    }

    /// <summary>Parses sweep YAML naming a task and workflows of <paramref name="catalog"/>; <paramref name="fileName"/> prefixes error locations.</summary>
    /// <exception cref="SweepException">Not a valid sweep.</exception>
    public static SweepSpec Parse(string yaml, string fileName, TaskCatalog catalog)
    {
        var root = ReadRoot(yaml, fileName);
        SourceLocation At(YamlNode node) => new(fileName, (int)node.Start.Line, (int)node.Start.Column);

        YamlScalarNode? taskNode = null, programNode = null;
        YamlMappingNode? parameters = null;
        foreach (var (keyNode, valueNode) in root.Children)
        {
            string key = KeyText(keyNode, At);
            switch (key)
            {
                case "task": taskNode = Scalar(valueNode, "task", At); break;
                case "program": programNode = Scalar(valueNode, "program", At); break;
                case "method":
                    var method = Scalar(valueNode, "method", At);
                    if (method.Value != "grid")
                        throw new SweepException(At(method), $"method '{method.Value}' is not supported: only method: grid (a reproducible, exhaustive grid)");
                    break;
                case "parameters":
                    parameters = valueNode as YamlMappingNode
                        ?? throw new SweepException(At(valueNode), "parameters: expected a mapping of parameter names to {values: [...]} or {value: x}");
                    break;
                case "name" or "description" or "entity" or "project" or "metric" or "command": break; // W&B bookkeeping
                default:
                    throw new SweepException(At(keyNode), $"unknown key '{key}'; accepted: {string.Join(", ", TopLevelKeys)}");
            }
        }

        var (taskName, taskLocation) = ResolveTask(taskNode, programNode, At, fileName, catalog);
        var task = catalog.Find(taskName);
        if (parameters is null) throw new SweepException(new SourceLocation(fileName, 1, 1), "no parameters: a sweep needs a parameters: mapping (the grid)");
        if (parameters.Children.Count == 0) throw new SweepException(At(parameters), "empty grid: parameters: has no entries");

        var axes = new List<SweepAxis>();
        var where = new Dictionary<string, (string Key, SourceLocation Location)>();
        ReadParameters(parameters, [], task, catalog.Workflows, axes, where, At);
        // counted before seed ranges are expanded, so a grid of 10¹² runs is refused without allocating it
        double gridSize = axes.Aggregate(1.0, (product, a) => product * (a.Parameter == SweepSpec.SeedKey ? a.Values.Sum(v => SeedList.Count(v.Text)) : a.Values.Count));
        if (gridSize > SweepSpec.MaxRuns)
            throw new SweepException(taskLocation, $"the grid lists {gridSize.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} runs "
                + $"({string.Join(" × ", axes.Select(a => $"{(a.Parameter == SweepSpec.SeedKey ? a.Values.Sum(v => SeedList.Count(v.Text)) : a.Values.Count):N0} {a.Parameter}"))}); "
                + $"a sweep runs at most {SweepSpec.MaxRuns:N0}: split it into several sweep files");
        if (task.Name == DiscreteSetting.Info.Name && axes.All(a => a.Parameter != LoopParameters.Iterations.Name))
            RunToFixation(axes, taskLocation);
        return new SweepSpec(task.Name, axes.Select(a => a.Parameter == SweepSpec.SeedKey ? a with { Values = ExpandSeedLists(a.Values) } : a).ToArray(), catalog, taskLocation);
    }

    private static YamlMappingNode ReadRoot(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException as YamlException ?? e;
            string message = Regex.Replace(inner.Message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", "");
            var (line, column) = ((int)inner.Start.Line, (int)inner.Start.Column);
            if (inner.Start.Index >= yaml.Length && UnclosedFlow(yaml) is { } unclosed)
                (line, column, message) = (unclosed.Line, unclosed.Column, $"{unclosed.Message} (the file ends first)");
            else if (message.Contains("tab as indentation") && TabIndentation(yaml) is { } tab)
                (line, column) = tab;
            throw new SweepException(new SourceLocation(fileName, line, column), $"not valid YAML: {message}");
        }
        catch (InvalidOperationException) when (UnclosedFlow(yaml) is { } unclosed) // YamlDotNet's parser loses its state on some unclosed flows
        {
            throw new SweepException(new SourceLocation(fileName, unclosed.Line, unclosed.Column), $"not valid YAML: {unclosed.Message}");
        }
        catch (ArgumentException e) // a key repeated within one mapping
        {
            throw new SweepException(new SourceLocation(fileName, 1, 1), $"not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0) throw new SweepException(new SourceLocation(fileName, 1, 1), "empty sweep file");
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new SweepException(new SourceLocation(fileName, (int)second.Start.Line, (int)second.Start.Column), "a sweep file holds one YAML document; found another here");
        }
        var root = stream.Documents[0].RootNode;
        return root as YamlMappingNode
            ?? throw new SweepException(new SourceLocation(fileName, (int)root.Start.Line, (int)root.Start.Column), "expected a mapping with task: (or program:) and parameters:");
    }

    /// <summary>The innermost flow sequence or mapping the scanner saw opened and never closed, or null.</summary>
    private static (int Line, int Column, string Message)? UnclosedFlow(string yaml)
    {
        var open = new Stack<YamlDotNet.Core.Tokens.Token>();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            while (scanner.MoveNext())
            {
                if (scanner.Current is YamlDotNet.Core.Tokens.FlowSequenceStart or YamlDotNet.Core.Tokens.FlowMappingStart) open.Push(scanner.Current);
                else if (scanner.Current is YamlDotNet.Core.Tokens.FlowSequenceEnd or YamlDotNet.Core.Tokens.FlowMappingEnd && open.Count > 0) open.Pop();
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // the collections opened before the scanner stopped are still the ones to report
        }
        if (open.Count == 0) return null;
        var start = open.Peek();
        string what = start is YamlDotNet.Core.Tokens.FlowSequenceStart ? "the list '[' opened here is never closed with ']'" : "the mapping '{' opened here is never closed with '}'";
        return ((int)start.Start.Line, (int)start.Start.Column, what);
    }

    /// <summary>
    /// Line and column of the tab in the indentation that stopped YamlDotNet's scanner, which reports this error
    /// without a position: the first tab-indented line from the end of the last token it read.
    /// </summary>
    private static (int Line, int Column)? TabIndentation(string yaml)
    {
        int from = 1;
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            while (scanner.MoveNext()) from = (int)scanner.Current!.End.Line;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // stopped at the tab
        }
        var lines = yaml.Split('\n');
        for (int i = from - 1; i < lines.Length; i++)
        {
            int indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            int tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0) return (i + 1, tab + 1);
        }
        return null;
    }

    private static (string Name, SourceLocation Location) ResolveTask(YamlScalarNode? taskNode, YamlScalarNode? programNode,
        Func<YamlNode, SourceLocation> at, string fileName, TaskCatalog catalog)
    {
        string? fromProgram = null;
        if (programNode is not null)
        {
            string script = programNode.Value!.Replace('\\', '/').Split('/')[^1];
            if (!ReferenceAliases.Programs.TryGetValue(script, out fromProgram) && taskNode is null)
                throw new SweepException(at(programNode), $"cannot tell the task from program '{programNode.Value}' (known: {string.Join(", ", ReferenceAliases.Programs.Keys)}); add task: NAME");
        }
        if (taskNode is not null && fromProgram is not null && !string.Equals(taskNode.Value, fromProgram, StringComparison.OrdinalIgnoreCase))
            throw new SweepException(at(taskNode), $"task '{taskNode.Value}' contradicts program '{programNode!.Value}', which runs task {fromProgram}");
        var node = taskNode ?? programNode;
        string? name = taskNode?.Value ?? fromProgram;
        if (node is null || name is null)
            throw new SweepException(new SourceLocation(fileName, 1, 1), $"no task: say which task setting to run, e.g. task: gaussian (available: {string.Join(", ", catalog.All.Select(t => t.Name))})");
        try
        {
            return (catalog.Find(name).Name, at(node));
        }
        catch (InvalidParameterException e)
        {
            throw new SweepException(at(node), e.Message);
        }
    }

    private static void ReadParameters(YamlMappingNode mapping, IReadOnlyList<string> path, TaskInfo task, WorkflowCatalog workflows, List<SweepAxis> axes,
        Dictionary<string, (string Key, SourceLocation Location)> where, Func<YamlNode, SourceLocation> at)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = KeyText(keyNode, at);
            var keyPath = path.Append(key).ToArray();
            string written = string.Join(".", keyPath);
            var entry = valueNode as YamlMappingNode
                ?? throw new SweepException(at(valueNode), $"'{written}': expected {{values: [...]}}, {{value: x}} or nested parameters:");
            var nonGrid = entry.Children.Keys.FirstOrDefault(k => NonGridKeys.Contains((k as YamlScalarNode)?.Value));
            if (nonGrid is not null)
                throw new SweepException(at(nonGrid), $"'{written}': {((YamlScalarNode)nonGrid).Value}: belongs to random or Bayesian searches; a grid sweep takes values: [...] or value: x");
            if (entry.Children.Count != 1)
                throw new SweepException(at(entry), $"'{written}': expected exactly one of values:, value: or parameters:");
            var (kindNode, content) = entry.Children.First();
            string kind = KeyText(kindNode, at);
            if (kind == "parameters")
            {
                var nested = content as YamlMappingNode
                    ?? throw new SweepException(at(content), $"'{written}.parameters': expected a mapping of parameters");
                if (nested.Children.Count == 0) throw new SweepException(at(nested), $"empty grid: '{written}.parameters' has no entries");
                ReadParameters(nested, keyPath, task, workflows, axes, where, at);
                continue;
            }
            if (kind is not ("values" or "value"))
                throw new SweepException(at(kindNode), $"'{written}': unknown key '{kind}'; expected values:, value: or parameters:");

            var values = new List<SweepValue>();
            if (kind == "value") values.Add(Value(content, written, at));
            else if (content is YamlSequenceNode sequence)
            {
                if (sequence.Children.Count == 0) throw new SweepException(at(sequence), $"empty grid: '{written}' has no values");
                values.AddRange(sequence.Children.Select(v => Value(v, written, at)));
            }
            else throw new SweepException(at(content), $"'{written}.values': expected a list, e.g. values: [1, 2]");

            string? name = Resolve(keyPath, written, values, task, workflows, at(keyNode));
            if (name is null) continue;
            if (where.TryGetValue(name, out var earlier))
                throw new SweepException(at(keyNode), $"parameter '{name}' is given twice (also as '{earlier.Key}' at {earlier.Location.Line}:{earlier.Location.Column})");
            where[name] = (written, at(keyNode));
            axes.Add(new SweepAxis(name, values, at(keyNode)));
        }
    }

    /// <summary>The CollapseLab parameter a written key stands for, or null for a key that is accepted and dropped.</summary>
    private static string? Resolve(string[] keyPath, string written, List<SweepValue> values, TaskInfo task, WorkflowCatalog workflows, SourceLocation location)
    {
        var accepted = SweepSpec.AcceptedParameters(task, workflows);
        if (ReferenceAliases.Parameters.TryGetValue(written, out var alias)) return alias;
        string leaf = keyPath[^1];
        var single = ReferenceAliases.SingleValued.FirstOrDefault(r => r.Leaf == leaf && (r.Task is null || r.Task == task.Name));
        if (single is not null && !accepted.Contains(leaf))
        {
            var other = values.FirstOrDefault(v => !string.Equals(v.Text.Trim(), single.Value, StringComparison.OrdinalIgnoreCase));
            if (other is not null)
                throw new SweepException(other.Location, $"invalid {leaf} '{other.Text}': only {single.Described} is implemented");
            return null;
        }
        if (leaf is "seeds") return SweepSpec.SeedKey;
        if (leaf is "max-iterations") return LoopParameters.Iterations.Name;
        if (SweepSpec.Accepts(task, workflows, leaf)) return leaf;
        throw new SweepException(location,
            $"unknown parameter '{written}' for task {task.Name}; accepted: {string.Join(", ", accepted)} (and the reference study's {string.Join(", ", ReferenceAliases.Parameters.Keys.Concat(ReferenceAliases.SingleValued.Where(r => r.Task is null || r.Task == task.Name).Select(r => r.Leaf)))})");
    }

    /// <summary>
    /// A discrete sweep without <c>iterations</c> runs every run to fixation, as the reference's
    /// fit_discrete_distributions loops until the entropy is below 1e-8 (which, for n below 10⁸, only a distribution on
    /// one outcome reaches): <c>stop-at-fixation</c> on and T = <see cref="DiscreteSetting.FixationIterationCap"/> as
    /// the hard cap. Workflows that train on the real data every iteration never fix, so they are refused rather than
    /// run to the cap.
    /// </summary>
    private static void RunToFixation(List<SweepAxis> axes, SourceLocation taskLocation)
    {
        const string stopKey = DiscreteSetting.StopAtFixationKey;
        string cap = DiscreteSetting.FixationIterationCap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stop = axes.FirstOrDefault(a => a.Parameter == stopKey);
        var off = stop?.Values.FirstOrDefault(v => DiscreteParameters.Declaration.Specs.First(p => p.Name == stopKey).Canonicalize(v.Text) == "false");
        if (off is not null)
            throw new SweepException(off.Location, $"{stopKey} false needs iterations: a discrete sweep without iterations runs to fixation (at most {cap} iterations)");
        var workflows = axes.FirstOrDefault(a => a.Parameter == SweepSpec.WorkflowKey);
        var neverFixes = workflows?.Values.FirstOrDefault(v => DiscreteSetting.NeverFixes.Contains(v.Text.Trim(), StringComparer.OrdinalIgnoreCase));
        if (neverFixes is not null)
            throw new SweepException(neverFixes.Location,
                $"workflow {neverFixes.Text.Trim()} never reaches fixation (it trains on the real data every iteration), and this discrete sweep has no iterations, so it would run to fixation: add iterations: {{value: T}}");
        if (stop is null) axes.Add(new SweepAxis(stopKey, [new SweepValue("true", taskLocation)], taskLocation));
        axes.Add(new SweepAxis(LoopParameters.Iterations.Name, [new SweepValue(cap, taskLocation)], taskLocation));
    }

    /// <summary>Seed values may be lists and ranges as on the CLI (<c>0-99</c>, <c>3,5,8-10</c>).</summary>
    private static List<SweepValue> ExpandSeedLists(IReadOnlyList<SweepValue> values)
    {
        var seeds = new List<SweepValue>();
        foreach (var value in values)
        {
            try
            {
                seeds.AddRange(SeedList.Parse(value.Text).Select(s => new SweepValue(s.ToString(System.Globalization.CultureInfo.InvariantCulture), value.Location)));

            }
            catch (InvalidParameterException e)
            {
                // A seed list is the CLI's --seeds and a sweep file's seed key.
                throw new SweepException(value.Location, e.Format(name => name == e.Parameter ? SweepSpec.SeedKey : name));
            }
        }
        return seeds;
    }

    private static SweepValue Value(YamlNode node, string written, Func<YamlNode, SourceLocation> at)
    {
        if (node is not YamlScalarNode scalar)
            throw new SweepException(at(node), $"'{written}': expected a single value (a number or text), found a {(node is YamlSequenceNode ? "list" : "mapping")}");
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
            throw new SweepException(at(node), $"'{written}': missing value");
        return new SweepValue(scalar.Value ?? "", at(node));
    }

    private static YamlScalarNode Scalar(YamlNode node, string key, Func<YamlNode, SourceLocation> at) =>
        node is YamlScalarNode { Value: { Length: > 0 } } scalar ? scalar
        : throw new SweepException(at(node), $"{key}: expected a single value");

    private static string KeyText(YamlNode node, Func<YamlNode, SourceLocation> at) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new SweepException(at(node), "expected a plain key");
}
