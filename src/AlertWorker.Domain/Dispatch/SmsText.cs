namespace AlertWorker.Domain.Dispatch;

/// <summary>How an SMS text is encoded on the air: GSM-7 when every character is in the GSM 03.38
/// alphabet (its basic table or its extension table), else UCS-2.</summary>
public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>The length of an SMS text: its encoding, its units (GSM-7 septets, or UTF-16 code
/// units for UCS-2) and how many segments it goes out as.</summary>
public readonly record struct SmsLength(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// SMS segment arithmetic (SPEC §8, DOMAIN.md §7). GSM-7: 160 septets in one message, 153 per
/// part of a longer one; an extension character (<c>^{}\[~]|€</c>, form feed) takes two septets and
/// is never split over two parts. UCS-2: 70 code units single, 67 per part; a surrogate pair (an
/// emoji) takes two units and is never split. Parts are packed greedily, as handsets and gateways do.
/// </summary>
public static class SmsText
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    public const int GsmSingle = 160;
    public const int GsmPart = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    public static SmsEncoding EncodingOf(string text)
    {
        foreach (var c in text)
        {
            if (!Basic.Contains(c) && !Extension.Contains(c)) return SmsEncoding.Ucs2;
        }
        return SmsEncoding.Gsm7;
    }

    public static SmsLength Measure(string text)
    {
        var encoding = EncodingOf(text);
        var costs = Costs(text, encoding);
        var units = costs.Sum();
        var (single, part) = encoding == SmsEncoding.Gsm7 ? (GsmSingle, GsmPart) : (Ucs2Single, Ucs2Part);
        if (units <= single) return new SmsLength(encoding, units, 1);

        var segments = 1;
        var used = 0;
        foreach (var cost in costs)
        {
            if (used + cost > part)
            {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SmsLength(encoding, units, segments);
    }

    /// <summary>
    /// The body followed by the answer hint on its own line, within <paramref name="maxSegments"/>:
    /// when too long, the body is cut and ends with an ellipsis (<c>…</c>, or <c>...</c> in a GSM-7
    /// text, so the cut never changes the encoding). The hint, which carries the short code, is always
    /// kept whole; if the hint alone is over the limit, only the hint is sent.
    /// </summary>
    public static string Fit(string body, string answerHint, int maxSegments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        var full = Join(body, answerHint);
        if (Measure(full).Segments <= maxSegments) return full;

        var ellipsis = EncodingOf(full) == SmsEncoding.Gsm7 ? "..." : "…";
        string Cut(int length) => Join(body[..length].TrimEnd() + ellipsis, answerHint);

        // the longest prefix that fits: fitting shrinks with the prefix, so a binary search finds it
        var low = 0;
        var high = body.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Measure(Cut(SafeLength(body, mid))).Segments <= maxSegments) low = mid;
            else high = mid - 1;
        }
        var length = SafeLength(body, low);
        return length == 0 && Measure(Cut(0)).Segments > maxSegments ? answerHint : Cut(length);
    }

    private static string Join(string body, string hint) => body.Length == 0 ? hint : body + "\n" + hint;

    /// <summary>A cut never separates the two halves of a surrogate pair.</summary>
    private static int SafeLength(string text, int length) =>
        length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;

    private static List<int> Costs(string text, SmsEncoding encoding)
    {
        var costs = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (encoding == SmsEncoding.Gsm7)
            {
                costs.Add(Extension.Contains(text[i]) ? 2 : 1);
            }
            else if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                costs.Add(2);
                i++;
            }
            else
            {
                costs.Add(1);
            }
        }
        return costs;
    }
}
