using System.Xml.Linq;

namespace AlertWorker.Web.Webhooks;

/// <summary>The few TwiML documents the worker sends to Twilio, built as XML so every text is escaped.</summary>
public static class TwimlWriter
{
    /// <summary>A <c>&lt;Gather&gt;</c> of one key, posted to <paramref name="Action"/>, around what it says.</summary>
    public sealed record Gather(string Action, IReadOnlyList<string> Says, string Language);

    /// <summary>Say everything in <paramref name="gather"/> waiting for a key, then <paramref name="afterGather"/> when none came.</summary>
    public static string Voice(Gather gather, string afterGather, string language) =>
        Response(
            new XElement("Gather",
                new XAttribute("numDigits", "1"),
                new XAttribute("action", gather.Action),
                new XAttribute("method", "POST"),
                new XAttribute("timeout", "10"),
                gather.Says.Select(text => Say(text, gather.Language))),
            Say(afterGather, language));

    /// <summary>Say one thing, then hang up.</summary>
    public static string Voice(string text, string language) => Response(Say(text, language));

    /// <summary>Reply to an inbound SMS with <paramref name="text"/>, or with nothing.</summary>
    public static string Message(string? text) => text is null ? Response() : Response(new XElement("Message", text));

    private static XElement Say(string text, string language) => new("Say", new XAttribute("language", language), text);

    private static string Response(params object[] content) => new XElement("Response", content).ToString(SaveOptions.DisableFormatting);
}
