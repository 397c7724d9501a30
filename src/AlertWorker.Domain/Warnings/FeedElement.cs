using System.Text;
using System.Xml;

namespace AlertWorker.Domain.Warnings;

/// <summary>
/// An element of a feed document, read once from an <see cref="XmlReader"/>: its name, attributes,
/// text and child elements, nothing else. The parsers only ever read such a tree, so it does without
/// what LINQ to XML adds (a name lookup per element, a node per text, line annotations) and lets
/// <see cref="PrunedFeedReader"/> build one holding only what they read (bench/README.md).
/// Names are the reader's atomized strings. Comments and processing instructions are dropped;
/// text, CDATA and whitespace are kept, so <see cref="Value"/> is what <c>XElement.Value</c> gave.
/// <see cref="PrunedFeedReader"/> builds the same kind of tree holding only what the parsers look at.
/// Nothing here recurses, so no nesting depth can exhaust the stack.
/// </summary>
internal sealed class FeedElement
{
    // null (empty), a string (the usual single text), or a List<object> of strings and elements in document order.
    private object? _content;
    // Namespace, local name and value of each attribute, three entries each; null when there is none.
    private string[]? _attributes;
    // The emptied list of a reused element's former children, for its new ones.
    private List<object>? _spare;

    private FeedElement(string localName, string namespaceName, FeedElement? parent)
    {
        LocalName = localName;
        NamespaceName = namespaceName;
        Parent = parent;
    }

    /// <summary>A new element, added as the last child of <paramref name="parent"/> when there is one.</summary>
    public static FeedElement Create(string localName, string namespaceName, FeedElement? parent)
    {
        var element = new FeedElement(localName, namespaceName, parent);
        parent?.Add(element);
        return element;
    }

    /// <summary>Makes this element over as a new one, as <see cref="Create"/> would, keeping the list
    /// that held its former children for its new ones. For <see cref="PrunedFeedReader"/>, which
    /// builds each entry's tree from the elements of the one before.</summary>
    public void Reuse(string localName, string namespaceName, FeedElement? parent)
    {
        (LocalName, NamespaceName, Parent) = (localName, namespaceName, parent);
        _attributes = null;
        if (_content is List<object> list)
        {
            list.Clear();
            _spare = list;
        }
        _content = null;
        parent?.Add(this);
    }

    /// <summary>Adds text after the current content.</summary>
    public void AddText(string text) => Add(text);

    /// <summary>Copies the attributes of the element the reader is on.</summary>
    public void CopyAttributes(XmlReader reader)
    {
        if (!reader.HasAttributes) return;
        var attributes = new string[reader.AttributeCount * 3];
        for (var i = 0; reader.MoveToNextAttribute(); i += 3)
            (attributes[i], attributes[i + 1], attributes[i + 2]) = (reader.NamespaceURI, reader.LocalName, reader.Value);
        reader.MoveToElement();
        _attributes = attributes;
    }

    public string LocalName { get; private set; }
    public string NamespaceName { get; private set; }
    public FeedElement? Parent { get; private set; }

    /// <summary>Reads the whole document (so that anything not well-formed, anywhere, throws the
    /// reader's <see cref="XmlException"/>) and returns its root element.</summary>
    public static FeedElement Load(XmlReader reader)
    {
        FeedElement? root = null;
        FeedElement? current = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = Create(reader.LocalName, reader.NamespaceURI, current);
                    element.CopyAttributes(reader);
                    root ??= element;
                    if (!reader.IsEmptyElement) current = element;
                    break;
                case XmlNodeType.EndElement:
                    current = current!.Parent;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    current?.Add(reader.Value);
                    break;
            }
        }
        return root ?? throw new XmlException("Root element is missing.");
    }

    private void Add(object item)
    {
        switch (_content)
        {
            case null when item is string text:
                _content = text;
                break;
            case List<object> list:
                list.Add(item);
                break;
            default:
                var children = _spare ?? new List<object>(4);
                _spare = null;
                if (_content is not null) children.Add(_content);
                children.Add(item);
                _content = children;
                break;
        }
    }

    /// <summary>The text of the element and all its descendants, in document order.</summary>
    public string Value
    {
        get
        {
            switch (_content)
            {
                case null:
                    return "";
                case string text:
                    return text;
                default:
                    var value = new StringBuilder();
                    AppendText(value);
                    return value.ToString();
            }
        }
    }

    private void AppendText(StringBuilder into)
    {
        // Depth first through a stack of pending content, text in document order.
        var pending = new Stack<object>();
        pending.Push(this);
        while (pending.TryPop(out var item))
        {
            switch (item)
            {
                case string text:
                    into.Append(text);
                    break;
                case FeedElement { _content: string text }:
                    into.Append(text);
                    break;
                case FeedElement { _content: List<object> list }:
                    for (var i = list.Count - 1; i >= 0; i--) pending.Push(list[i]);
                    break;
            }
        }
    }

    public IEnumerable<FeedElement> Elements()
    {
        if (_content is not List<object> list) yield break;
        foreach (var item in list)
        {
            if (item is FeedElement element) yield return element;
        }
    }

    /// <summary>The child elements of that name, in document order (a struct: a <c>foreach</c> allocates nothing).</summary>
    public NamedChildren Elements(string namespaceName, string localName) => new(_content as List<object>, namespaceName, localName);

    public readonly struct NamedChildren(List<object>? content, string namespaceName, string localName) : IEnumerable<FeedElement>
    {
        public Enumerator GetEnumerator() => new(content, namespaceName, localName);

        IEnumerator<FeedElement> IEnumerable<FeedElement>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(List<object>? content, string namespaceName, string localName) : IEnumerator<FeedElement>
        {
            private int _index = -1;

            public FeedElement Current { get; private set; } = null!;

            readonly object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext()
            {
                if (content is null) return false;
                while (++_index < content.Count)
                {
                    if (content[_index] is FeedElement element && element.Is(namespaceName, localName))
                    {
                        Current = element;
                        return true;
                    }
                }
                return false;
            }

            public void Reset() => _index = -1;

            public readonly void Dispose()
            {
            }
        }
    }

    /// <summary>The first child element of that name, or null.</summary>
    public FeedElement? Element(string namespaceName, string localName)
    {
        if (_content is not List<object> list) return null;
        foreach (var item in list)
        {
            if (item is FeedElement element && element.Is(namespaceName, localName)) return element;
        }
        return null;
    }

    public bool Is(string namespaceName, string localName) => LocalName == localName && NamespaceName == namespaceName;

    /// <summary>Every element below this one, in document order.</summary>
    public IEnumerable<FeedElement> Descendants() => DescendantsAndSelf().Skip(1);

    /// <summary>This element, then every element below it, in document order.</summary>
    public IEnumerable<FeedElement> DescendantsAndSelf()
    {
        var pending = new Stack<FeedElement>(16);
        pending.Push(this);
        while (pending.TryPop(out var element))
        {
            yield return element;
            if (element._content is not List<object> list) continue;
            for (var i = list.Count - 1; i >= 0; i--)
            {
                if (list[i] is FeedElement child) pending.Push(child);
            }
        }
    }

    public IEnumerable<FeedElement> Ancestors()
    {
        for (var element = Parent; element is not null; element = element.Parent) yield return element;
    }

    /// <summary>The value of the attribute of that local name in no namespace, or null.</summary>
    public string? Attribute(string localName)
    {
        if (_attributes is not { } attributes) return null;
        for (var i = 0; i < attributes.Length; i += 3)
        {
            if (attributes[i].Length == 0 && attributes[i + 1] == localName) return attributes[i + 2];
        }
        return null;
    }
}
