namespace CollapseLab.Tasks.External;

/// <summary>
/// A step's completion marker: a file holding the step's key, written only after the step succeeded and its output
/// was checked, and moved into place in one rename, so a killed run leaves either a whole marker or none.
/// </summary>
internal static class StepMarker
{
    /// <summary>Whether the marker at <paramref name="path"/> exists and holds <paramref name="key"/>.</summary>
    public static bool Matches(string path, string key)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() == key;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="content"/> (by default the key) to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void Write(string path, string content)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, content.EndsWith('\n') ? content : content + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
