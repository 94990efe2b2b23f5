using System.Security.Cryptography;
using System.Text;
using CollapseLab.Parameters;
using CollapseLab.Tests.Support;

namespace CollapseLab.Tests.Parameters;

public sealed class ContentDigestTests
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void AFileDigestIsItsSha256()
    {
        using var directory = new TempDirectory();
        string file = directory.File("a.txt");
        File.WriteAllText(file, "hello\n");
        Assert.Equal(Sha256("hello\n"), ContentDigest.Of(file, ParameterInput.File));
    }

    [Fact]
    public void ADirectoryDigestIsSha256sumOfItsFilesInOrderAndSkipsHiddenOnes()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.File("sub"));
        File.WriteAllText(directory.File("b.txt"), "bee");
        File.WriteAllText(Path.Combine(directory.Path, "sub", "a.txt"), "ay");
        File.WriteAllText(directory.File(".hidden"), "ignored");
        string expected = Sha256($"{Sha256("bee")}  b.txt\n{Sha256("ay")}  sub/a.txt\n");
        Assert.Equal(expected, ContentDigest.Of(directory.Path, ParameterInput.Directory));

        File.WriteAllText(directory.File(".hidden"), "still ignored, longer");
        Assert.Equal(expected, ContentDigest.Of(directory.Path, ParameterInput.Directory));

        File.WriteAllText(directory.File("b.txt"), "bees");
        string edited = ContentDigest.Of(directory.Path, ParameterInput.Directory);
        Assert.NotEqual(expected, edited);

        File.Move(directory.File("b.txt"), directory.File("c.txt"));
        Assert.NotEqual(edited, ContentDigest.Of(directory.Path, ParameterInput.Directory));
    }

    [Fact]
    public void AFileIsHashedOncePerVersion()
    {
        // The digest is reused while length and modification time stay the same (it is not reread for every run of
        // a sweep); a content change that restores both is, by design, not seen within one process.
        using var directory = new TempDirectory();
        string file = directory.File("a.txt");
        File.WriteAllText(file, "one");
        var stamp = File.GetLastWriteTimeUtc(file);
        string first = ContentDigest.Of(file, ParameterInput.File);
        File.WriteAllText(file, "two");
        File.SetLastWriteTimeUtc(file, stamp);
        Assert.Equal(first, ContentDigest.Of(file, ParameterInput.File));
        File.SetLastWriteTimeUtc(file, stamp.AddSeconds(1));
        Assert.Equal(Sha256("two"), ContentDigest.Of(file, ParameterInput.File));
    }
}
