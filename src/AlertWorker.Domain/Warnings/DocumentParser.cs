namespace AlertWorker.Domain.Warnings;

/// <summary>
/// Reads one feed document of any of the four kinds (SPEC §3) into warnings, rejections and
/// index links. The kind is recognised from content. Pure: bytes in, data out.
/// </summary>
public static class DocumentParser
{
    // CONTRACT PLACEHOLDER: the parsing work replaces this body.
    public static ParsedDocument Parse(ReadOnlySpan<byte> content, ParseOptions options) =>
        throw new NotImplementedException();
}
