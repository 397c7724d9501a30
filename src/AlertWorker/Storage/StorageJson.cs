using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AlertWorker.Domain.Warnings;

namespace AlertWorker.Storage;

/// <summary>How the stores write domain records as JSON: camelCase, enums as camelCase strings,
/// computed (get-only) properties left out since they follow from the stored ones.</summary>
public static class StorageJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new GeoPolygonConverter() },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputedProperties } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void SkipComputedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            var isConstructorParameter = property.AssociatedParameter is not null;
            if (property.Set is null && !isConstructorParameter) typeInfo.Properties.RemoveAt(i);
        }
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"stored JSON for {typeof(T).Name} is null");

    /// <summary><see cref="GeoPolygon"/> has two constructors, so the serializer needs to be told which shape to read.</summary>
    private sealed class GeoPolygonConverter : JsonConverter<GeoPolygon>
    {
        private sealed record Shape(IReadOnlyList<GeoPoint> Shell, IReadOnlyList<IReadOnlyList<GeoPoint>>? Holes);

        public override GeoPolygon Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("a polygon is null");
            return new GeoPolygon(shape.Shell, shape.Holes ?? []);
        }

        public override void Write(Utf8JsonWriter writer, GeoPolygon value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Shape(value.Shell, value.Holes), options);
    }
}
