using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CollapseLab.Loop;
using CollapseLab.Random;

namespace CollapseLab.Tasks.External;

/// <summary>
/// The model of one iteration of an external run: the directory the fit program wrote. Scoring, sampling and
/// log-likelihoods run the user's programs on it, each reused instead when it finished before with the same inputs.
/// </summary>
internal sealed class ExternalModel(ExternalRun run, int iteration, string directory, string fitKey, long scoreSeed, long loglikSeed)
    : IModel<JsonLines>, IModelLikelihood<JsonLines>
{
    private string? _samplesFile;
    private JsonLines? _samples;

    /// <summary>
    /// Runs the score program and records each metric of the JSON object on the last line of its standard output,
    /// under its own name, in the order printed. <c>metrics.json</c> keeps them, with the step's key as its marker.
    /// </summary>
    public void Score(MetricSink metrics)
    {
        var arguments = run.Setting.Score.Arguments(run.Placeholders(iteration, scoreSeed, directory));
        string key = ExternalRun.StepKey("score", arguments, fitKey);
        string file = Path.Combine(directory, "metrics.json");
        var recorded = ReadMetricsFile(file, key);
        if (recorded is not null)
        {
            run.Log("reused", "score", iteration);
        }
        else
        {
            string stdout = run.Process.Run("score", iteration, arguments, directory);
            recorded = ParseMetrics(stdout, arguments);
            StepMarker.Write(file, MetricsFileText(key, recorded));
            run.Log("ran", "score", iteration);
        }
        foreach (var (name, value) in recorded) metrics.Add(name, value);
    }

    /// <summary>
    /// Runs the sample program for <paramref name="n"/> lines into <c>samples.jsonl</c> and checks that it wrote
    /// exactly <paramref name="n"/> lines, each one JSON value. <paramref name="rng"/> gives the {seed}.
    /// </summary>
    public JsonLines Sample(int n, Rng rng)
    {
        var values = run.Placeholders(iteration, (long)(rng.NextUInt64() >> 33), directory);
        string output = Path.Combine(directory, "samples.jsonl");
        values["out"] = output;
        values["n"] = n.ToString(CultureInfo.InvariantCulture);
        var arguments = run.Setting.Sample.Arguments(values);
        string key = ExternalRun.StepKey("sample", arguments, fitKey);
        string marker = Path.Combine(directory, "sample.done");
        if (StepMarker.Matches(marker, key) && File.Exists(output))
        {
            _samples = new JsonLines(JsonlFile.Read(output));
            run.Log("reused", "sample", iteration);
        }
        else
        {
            File.Delete(output);
            run.Process.Run("sample", iteration, arguments, directory);
            _samples = ReadSamples(output, n, arguments);
            StepMarker.Write(marker, key);
            run.Log("ran", "sample", iteration);
        }
        _samplesFile = output;
        return _samples;
    }

    /// <summary>
    /// Runs the loglik program on <paramref name="samples"/> (the file the sample program wrote, when they are its
    /// lines) and reads one number per sample from its standard output.
    /// </summary>
    public double[] LogLikelihood(JsonLines samples)
    {
        string input = _samplesFile is not null && ReferenceEquals(samples, _samples) ? _samplesFile : WriteLines(samples, Path.Combine(directory, "loglik-input.jsonl"));
        var values = run.Placeholders(iteration, loglikSeed, directory);
        values["out"] = input;
        values["n"] = samples.Count.ToString(CultureInfo.InvariantCulture);
        var arguments = run.Setting.LogLikelihood!.Arguments(values);
        string key = ExternalRun.StepKey("loglik", arguments, fitKey + FileHash(input));
        string marker = Path.Combine(directory, "loglik.done"), stdout = Path.Combine(directory, "loglik.stdout");
        bool reuse = StepMarker.Matches(marker, key) && File.Exists(stdout);
        if (!reuse) run.Process.Run("loglik", iteration, arguments, directory);
        var scores = ParseNumbers(stdout, samples.Count, arguments);
        if (!reuse) StepMarker.Write(marker, key);
        run.Log(reuse ? "reused" : "ran", "loglik", iteration);
        return scores;
    }

    private JsonLines ReadSamples(string output, int n, string[] arguments)
    {
        if (!File.Exists(output)) throw Protocol("sample", arguments, $"wrote no file {output} ({{out}})");
        List<string> lines;
        try
        {
            lines = JsonlFile.Read(output);
        }
        catch (InvalidDataException e)
        {
            throw Protocol("sample", arguments, $"wrote invalid JSONL: {e.Message}");
        }
        if (lines.Count != n) throw Protocol("sample", arguments, $"wrote {lines.Count} lines to {output}, but {n} were asked for ({{n}})");
        return new JsonLines(lines);
    }

    /// <summary>The metrics of the JSON object on the last non-blank line of the score program's standard output.</summary>
    private List<(string, double)> ParseMetrics(string stdout, string[] arguments)
    {
        string? last = File.ReadLines(stdout).LastOrDefault(l => !string.IsNullOrWhiteSpace(l));
        const string expected = "a JSON object of metric name → number (or \"NaN\", \"Infinity\", \"-Infinity\") as the last line of standard output";
        if (last is null) throw Protocol("score", arguments, $"printed nothing; expected {expected}");
        var metrics = new List<(string, double)>();
        try
        {
            using var document = JsonDocument.Parse(last);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Length == 0 || metrics.Any(m => m.Item1 == property.Name)) throw new FormatException();
                metrics.Add((property.Name, Number(property.Value)));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw Protocol("score", arguments, $"printed no metrics object: its last line was {JsonlFile.Excerpt(last)}; expected {expected}, names distinct and non-empty");
        }
        if (metrics.Count == 0) throw Protocol("score", arguments, $"printed an empty object; expected {expected}");
        return metrics;
    }

    private static double Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException(),
        },
        _ => throw new FormatException(),
    };

    private double[] ParseNumbers(string stdout, int count, string[] arguments)
    {
        var numbers = new List<double>(count);
        foreach (var line in File.ReadLines(stdout))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            string text = line.Trim();
            double value = text.ToLowerInvariant() switch
            {
                "nan" => double.NaN,
                "inf" or "infinity" => double.PositiveInfinity,
                "-inf" or "-infinity" => double.NegativeInfinity,
                _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                    : throw Protocol("loglik", arguments, $"printed '{JsonlFile.Excerpt(text)}', which is not a number"),
            };
            numbers.Add(value);
        }
        if (numbers.Count != count) throw Protocol("loglik", arguments, $"printed {numbers.Count} numbers for {count} samples");
        return numbers.ToArray();
    }

    /// <summary>The metrics kept by an earlier score with the same key, or null.</summary>
    private static List<(string, double)>? ReadMetricsFile(string file, string key)
    {
        if (!File.Exists(file)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (document.RootElement.GetProperty("key").GetString() != key) return null;
            return document.RootElement.GetProperty("metrics").EnumerateArray()
                .Select(m => (m[0].GetString()!, Number(m[1]))).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }

    private static string MetricsFileText(string key, List<(string Name, double Value)> metrics)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteStartArray("metrics");
            foreach (var (name, value) in metrics)
            {
                json.WriteStartArray();
                json.WriteStringValue(name);
                if (double.IsFinite(value)) json.WriteNumberValue(value);
                else json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string WriteLines(JsonLines lines, string path)
    {
        using (var writer = JsonlFile.CreateWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)))
            foreach (var line in lines.Lines) writer.WriteLine(line);
        return path;
    }

    private static string FileHash(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    private ExternalStepException Protocol(string step, string[] arguments, string what) =>
        new($"{step} at iteration {iteration} {what}; command: {CommandTemplate.Display(arguments)}");
}
