using CollapseLab.Lm.Model;
using static TorchSharp.torch;

namespace CollapseLab.Lm.Training;

/// <summary>Documents as one padded batch: inputs start with end-of-text; targets are the documents' tokens, −1 on padding.</summary>
internal static class DocumentBatch
{
    /// <summary>
    /// For token sequences s_i (each ending in end-of-text): input row i = [EOT, s_i[0..^1]], target row i = s_i,
    /// both padded to the longest; returns (input, target), each (B, L) int64 on <paramref name="device"/>.
    /// </summary>
    public static (Tensor Input, Tensor Target) Build(IReadOnlyList<long[]> sequences, Device device)
    {
        int rows = sequences.Count, length = sequences.Max(s => s.Length);
        var input = new long[rows * length];
        var target = new long[rows * length];
        Array.Fill(input, Tokenizer.EndOfText);
        Array.Fill(target, -1);
        for (int r = 0; r < rows; r++)
        {
            var s = sequences[r];
            input[r * length] = Tokenizer.EndOfText;
            Array.Copy(s, 0, input, r * length + 1, s.Length - 1);
            Array.Copy(s, 0, target, r * length, s.Length);
        }
        return (tensor(input, [rows, length], device: device), tensor(target, [rows, length], device: device));
    }
}
