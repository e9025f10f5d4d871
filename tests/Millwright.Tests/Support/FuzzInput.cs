using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Support;

/// <summary>
/// Seeded random input for the fuzz tests (issue 20, item 6): mapping expressions built from the language's own
/// pieces plus noise, and JSON values with the shapes that break code (huge and tiny numbers, deep nesting, odd
/// strings). The seed makes every run the same; a failure names the case so it can be replayed.
/// </summary>
internal sealed class FuzzInput(int seed)
{
    private static readonly string[] Transforms =
    [
        "bool", "count", "exists", "first", "last", "lower", "not", "number", "string", "sum", "trim", "upper", "words",
        "date", "date(unix)", "date(unix_ms)", "default(0)", "join(\", \")", "map(A: open, B: done, *: low)", "mul(1000)", "div(3)",
        "mul(79228162514264337593543950335)", "div(0.0000000000000000000000000001)", "mul(0)", "div(0)", "mul(-1e12)", "div(1e-12)",
        "ref(assets)", "ref(users)", "default(\"x\")", "map()", "join()", "date(\"yyyy\")",
    ];

    private static readonly string[] Paths =
    [
        "title", "description", "status", "priority", "createdAt", "updatedAt", "dueDate", "id", "assetId", "extraFields",
        "extraFields.Urgency", "assignees", "assignees[0].id", "assignees[*].id", "nested.a.b.c", "numbers", "numbers[*]", "big", "tiny", "@", "$",
    ];

    private static readonly string[] Literals =
    [
        "\"text\"", "\"\"", "0", "1", "-1", "3.14", "1e400", "-1e400", "79228162514264337593543950335", "0.0000000000000000000000000001",
        "99999999999999999999999999999999999", "true", "false", "null", "\"\\u0000\"", "'single'",
    ];

    private static readonly string Noise = "()[]{},.|:;\"'\\*$@#!?-+=<>/ \t\n\u00e9\u202e0123456789abcXYZ";

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    public string Expression()
    {
        var kind = random.Next(10);
        if (kind == 0)
        {
            return NoiseString(random.Next(0, 40));
        }

        var expression = Operand(depth: 0);
        for (var i = random.Next(4); i > 0; i--)
        {
            expression += " | " + Pick(Transforms);
        }

        if (kind == 1 && expression.Length > 1)
        {
            // A valid-looking expression cut or spliced at a random place.
            var at = random.Next(expression.Length);
            expression = random.Next(2) == 0 ? expression[..at] : expression.Insert(at, NoiseString(random.Next(1, 4)));
        }

        return expression;
    }

    private string Operand(int depth) => (depth < 3 ? random.Next(6) : random.Next(3)) switch
    {
        0 or 1 => Pick(Paths),
        2 => Pick(Literals),
        3 => $"concat({Operand(depth + 1)}, {Operand(depth + 1)})",
        4 => $"coalesce({Operand(depth + 1)}, {Operand(depth + 1)}, {Pick(Literals)})",
        _ => $"({Operand(depth + 1)} | {Pick(Transforms)})",
    };

    /// <summary>A vendor document with the fields the expressions name, filled with awkward values.</summary>
    public JsonObject Document()
    {
        var document = new JsonObject();
        foreach (var name in new[] { "title", "description", "status", "priority", "createdAt", "updatedAt", "dueDate", "id", "assetId", "big", "tiny" })
        {
            if (random.Next(5) != 0)
            {
                document[name] = Value(depth: 0);
            }
        }

        document["extraFields"] = new JsonObject { ["Urgency"] = Value(1) };
        document["assignees"] = new JsonArray(Value(2), new JsonObject { ["id"] = Value(2) });
        document["numbers"] = new JsonArray(JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(decimal.MaxValue), JsonValue.Create(decimal.MaxValue));
        document["nested"] = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonObject { ["c"] = Value(2) } } };
        return document;
    }

    /// <summary>Any JSON value, biased towards those that overflow, underflow or confuse parsers.</summary>
    public JsonNode? Value(int depth) => random.Next(depth < 3 ? 16 : 12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-320, 309)) * (random.Next(2) == 0 ? 1 : -1)),
        4 => JsonValue.Create(decimal.MaxValue),
        5 => JsonValue.Create(long.MaxValue),
        6 => JsonNode.Parse("1" + new string('0', random.Next(20, 60))),
        7 => JsonValue.Create(NoiseString(random.Next(0, 30))),
        8 => JsonValue.Create(Pick(["2026-12-01T10:00:00Z", "0001-01-01", "9999-12-31T23:59:59Z", "10000-01-01", "yesterday", "1796170965", "-62135596801", "1e20"])),
        9 => JsonValue.Create(Pick(["open", "OPEN", "done", "high", "low", "", " ", "null", "NaN", "Infinity"])),
        10 => JsonValue.Create(new string('x', random.Next(1000, 5000))),
        11 => JsonValue.Create(random.Next(-5, 5) * 0.1m),
        12 or 13 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i => KeyValuePair.Create(Pick(["a", "b", "id", "title", NoiseString(3), $"k{i}"]) + i, Value(depth + 1)))),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string NoiseString(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Noise[random.Next(Noise.Length)]);
        }

        return builder.ToString();
    }

    public static string Describe(int seed, int index) => string.Create(CultureInfo.InvariantCulture, $"seed {seed}, case {index}");
}
