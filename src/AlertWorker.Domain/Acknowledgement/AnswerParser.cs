using System.Text;
using System.Text.RegularExpressions;

namespace AlertWorker.Domain.Acknowledgement;

/// <summary>What an SMS reply says (SPEC §7).</summary>
public abstract record Answer
{
    private Answer() { }

    /// <summary>"Received": the notification with <c>ShortCode</c> (upper case), or with none every
    /// notification waiting for this person.</summary>
    public sealed record Acknowledge(string? ShortCode) : Answer;

    /// <summary>Anything else: kept as it came, for the duty officer.</summary>
    public sealed record FreeText(string Text) : Answer;
}

/// <summary>
/// Reads an SMS reply. An acknowledgement is one of the words <c>1</c>, <c>收到</c>, <c>确认</c>,
/// <c>ok</c>, <c>ack</c>, <c>y</c>, <c>yes</c> — trimmed, case-insensitive, full-width digits,
/// letters and punctuation folded (NFKC) — optionally followed by a short code (4 to 8 letters or
/// digits, with or without a space or punctuation between), and nothing else but punctuation.
/// The Chinese words may carry the particle 了 (<c>收到了</c>, <c>确认了</c>): it is how people write
/// "received" and adds nothing. Everything else (<c>不</c>, <c>收到吗</c>, <c>ok thanks</c>) is free text:
/// a sentence is never guessed to be an answer.
/// </summary>
public static partial class AnswerParser
{
    public static Answer Parse(string body)
    {
        var folded = body.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        var match = AcknowledgementPattern().Match(folded);
        if (!match.Success)
            return new Answer.FreeText(body);
        var code = match.Groups["code"];
        return new Answer.Acknowledge(code.Success ? code.Value.ToUpperInvariant() : null);
    }

    [GeneratedRegex(
        @"^(?:yes|ack|ok|y|1|(?:收到|确认)了?)(?:[\s\p{P}]*(?<code>[a-z0-9]{4,8}))?[\s\p{P}]*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex AcknowledgementPattern();
}
