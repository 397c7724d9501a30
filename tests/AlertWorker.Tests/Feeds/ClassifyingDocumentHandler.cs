using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Linq;
using AlertWorker.Domain.Warnings;
using AlertWorker.Feeds;

namespace AlertWorker.Tests.Feeds;

/// <summary>
/// A stand-in for parse -> lifecycle -> store, for the poller tests only. It reads tiny XML:
/// <c>&lt;alert/&gt;</c> is one accepted warning; <c>&lt;index&gt;&lt;entry id updated href/&gt;&lt;/index&gt;</c>
/// gives links; <c>&lt;bad&gt;&lt;part&gt;line&lt;/part&gt;&lt;/bad&gt;</c> gives rejections; anything
/// else is rejected whole.
/// </summary>
internal sealed class ClassifyingDocumentHandler : IFeedDocumentHandler
{
    public ConcurrentQueue<(string FeedId, FeedKind Kind, string Url, string Content)> Calls { get; } = new();

    public ValueTask<DocumentHandling> HandleAsync(FeedDefinition feed, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var text = System.Text.Encoding.UTF8.GetString(content.Span);
        Calls.Enqueue((feed.Id, feed.Kind, feed.Url, text));
        XElement root;
        try
        {
            root = XElement.Parse(text);
        }
        catch (XmlException ex)
        {
            return ValueTask.FromResult(DocumentHandling.RejectedWhole($"not well-formed XML: {ex.Message}"));
        }
        return ValueTask.FromResult(root.Name.LocalName switch
        {
            "alert" => new DocumentHandling { Accepted = 1 },
            "index" => new DocumentHandling
            {
                Links = root.Elements("entry").Select(e => new IndexEntryLink(
                    (string)e.Attribute("id")!, (string)e.Attribute("href")!, (DateTimeOffset?)e.Attribute("updated"))).ToList(),
            },
            "bad" => new DocumentHandling { Rejections = root.Elements("part").Select(p => p.Value).ToList() },
            var other => DocumentHandling.RejectedWhole($"not a known document: <{other}>"),
        });
    }

    public IReadOnlyList<string> UrlsHandled => Calls.Select(c => c.Url).ToList();
}
