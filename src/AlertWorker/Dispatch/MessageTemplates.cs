using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AlertWorker.Configuration;
using AlertWorker.Domain.Lifecycle;
using AlertWorker.Domain.Policy;
using Microsoft.Extensions.Options;

namespace AlertWorker.Dispatch;

/// <summary>
/// The message templates of <c>config/templates/&lt;lang&gt;/&lt;channel&gt;-&lt;kind&gt;.txt</c> (SPEC §8): one
/// per language (<c>zh-CN</c>, <c>en</c>), channel (sms, voice, email) and notice kind (warning,
/// level-raised, update-notice, released, escalation, test). An email template's first line is the subject;
/// an SMS template's last line is the answer hint, kept whole when the text is shortened. Placeholders
/// are <c>{name}</c>; an unknown one is left as written. Files are read again when they change.
/// </summary>
public sealed partial class MessageTemplates(IOptions<AlertWorkerOptions> options)
{
    public const string DefaultLanguage = "zh-CN";

    private readonly ConcurrentDictionary<string, (DateTime Stamp, string Text)> _cache = new(StringComparer.Ordinal);

    private string Root => Path.Combine(options.Value.ConfigDirectory, "templates");

    /// <summary>The template folder for a person's language: exact, else the same primary language (en-US -> en), else zh-CN.</summary>
    public string LanguageFor(string language)
    {
        var folders = System.IO.Directory.Exists(Root)
            ? System.IO.Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        var primary = language.Split('-')[0];
        return folders.FirstOrDefault(f => string.Equals(f, language, StringComparison.OrdinalIgnoreCase))
            ?? folders.FirstOrDefault(f => string.Equals(f.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase))
            ?? DefaultLanguage;
    }

    /// <exception cref="FileNotFoundException">The template file is missing.</exception>
    public string Get(string templateLanguage, Channel channel, NoticeKind kind)
    {
        var path = Path.Combine(Root, templateLanguage, $"{channel.ToName()}-{FileKind(kind)}.txt");
        if (!File.Exists(path)) throw new FileNotFoundException($"template {path} is missing", path);
        var stamp = File.GetLastWriteTimeUtc(path);
        if (_cache.TryGetValue(path, out var cached) && cached.Stamp == stamp) return cached.Text;
        var text = File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd('\n');
        _cache[path] = (stamp, text);
        return text;
    }

    public static string FileKind(NoticeKind kind) => kind switch
    {
        NoticeKind.Warning => "warning",
        NoticeKind.LevelRaised => "level-raised",
        NoticeKind.UpdateNotice => "update-notice",
        NoticeKind.Released => "released",
        NoticeKind.Escalation => "escalation",
        NoticeKind.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Replaces each <c>{name}</c> with its value.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
