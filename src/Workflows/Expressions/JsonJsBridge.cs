using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace Tongguan.Workflows.Expressions;

/// <summary>Converts between process variables (JSON) and JavaScript values without going through CLR interop.</summary>
internal static class JsonJsBridge
{
    private const int MaxDepth = 64;

    public static JsValue ToJs(Engine engine, JsonNode? node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("Variables are nested too deeply to pass to an expression.");
        }

        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var target = new JsObject(engine);
                foreach (var (name, value) in obj)
                {
                    target.Set(name, ToJs(engine, value, depth + 1));
                }

                return target;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJs(engine, array[i], depth + 1);
                }

                return new JsArray(engine, items);
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => JsString.Create(value.GetValue<string>()),
                    JsonValueKind.Number => JsNumber.Create(ToDouble(value)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
            default:
                return JsValue.Undefined;
        }
    }

    public static JsonNode? ToJson(JsValue value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The value is nested too deeply (or cyclic) to store as a variable.");
        }

        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (value.IsBoolean())
        {
            return JsonValue.Create(value.AsBoolean());
        }

        if (value.IsNumber())
        {
            var number = value.AsNumber();
            if (double.IsNaN(number) || double.IsInfinity(number))
            {
                return null;
            }

            return number == Math.Floor(number) && Math.Abs(number) < 9_007_199_254_740_992d
                ? JsonValue.Create((long)number)
                : JsonValue.Create(number);
        }

        if (value.IsString())
        {
            return JsonValue.Create(value.AsString());
        }

        if (value.IsDate())
        {
            return JsonValue.Create(value.AsDate().ToDateTime().ToString("O", CultureInfo.InvariantCulture));
        }

        if (value.IsArray())
        {
            var array = value.AsArray();
            var length = (uint)TypeConverter.ToNumber(array.Get("length"));
            var result = new JsonArray();
            for (uint i = 0; i < length; i++)
            {
                result.Add(ToJson(array.Get(i), depth + 1));
            }

            return result;
        }

        if (value is ObjectInstance obj && !value.IsSymbol() && obj is not Jint.Native.Function.Function)
        {
            var result = new JsonObject();
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var descriptor = obj.GetOwnProperty(key);
                if (descriptor.Enumerable)
                {
                    var property = obj.Get(key);
                    if (!property.IsUndefined() && property is not Jint.Native.Function.Function)
                    {
                        result[key.AsString()] = ToJson(property, depth + 1);
                    }
                }
            }

            return result;
        }

        return null;
    }

    private static double ToDouble(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }

        return double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
    }
}
