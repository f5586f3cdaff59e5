using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Parallelize.Generator.Model;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Caching;

/// <summary>
/// The pipeline models must compare by value and must not root compilations: no symbol, syntax node, location,
/// semantic model or compilation anywhere in them, and collections only as <c>EquatableArray&lt;T&gt;</c>
/// (STYLE "Caching" 1-2; STJ and NEE walk their models the same way).
/// </summary>
public sealed class ModelGraphTests
{
    private static readonly Type[] ForbiddenTypes =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxToken), typeof(SyntaxReference),
        typeof(Location), typeof(SemanticModel), typeof(Compilation), typeof(IOperation),
    ];

    private static readonly Type[] Roots = [typeof(MethodSpec), typeof(TypeGroupSpec), typeof(DispatchSpec), typeof(ChannelSetSpec)];

    [Fact]
    public void ModelTypesHoldOnlyValues()
    {
        var visited = new HashSet<Type>();
        var problems = new List<string>();
        var queue = new Queue<(Type Type, string Path)>(Roots.Select(t => (t, t.Name)));
        while (queue.Count > 0)
        {
            var (type, path) = queue.Dequeue();
            if (!visited.Add(type))
            {
                continue;
            }

            CheckNotForbidden(type, path, problems);
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                queue.Enqueue((argument, $"{path}<{argument.Name}>"));
            }

            if (type.IsArray)
            {
                queue.Enqueue((type.GetElementType()!, path + "[]"));
            }

            // Only the generator's own types are opened up; EquatableArray<T> is the sanctioned wrapper of an
            // array, so its insides are not held to the no-array rule, but its T is (above).
            if (!IsGeneratorType(type) || IsEquatableArray(type))
            {
                continue;
            }

            foreach (var (memberType, memberName) in Members(type))
            {
                var memberPath = $"{path}.{memberName}";
                CheckCollection(memberType, memberPath, problems);
                queue.Enqueue((memberType, memberPath));
            }
        }

        Assert.Contains(typeof(MethodSpec), visited);
        Assert.True(visited.Count > Roots.Length, "The walk found nothing behind the root models.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void ModelRecordsCompareByValue()
    {
        foreach (var type in Roots)
        {
            Assert.True(type.IsSealed, $"{type.Name} should be sealed.");
            Assert.True(
                typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type),
                $"{type.Name} should be IEquatable<{type.Name}> (a record), or the pipeline cannot cache it.");
        }
    }

    [Fact]
    public void TrackedStepOutputsHoldOnlyValues()
    {
        var run = GeneratorHarness.Run(
            """
            using System.Threading.Tasks;
            using Parallelize;

            namespace Samples;

            public enum Level : byte { Debug, Info }

            public static partial class Outer
            {
                public partial struct Inner
                {
                    [RunInProcess]
                    public static Task<string[][]> Work(int[] values, Level level = Level.Info, string? text = null) => Task.FromResult(new string[0][]);
                }

                [RunInProcess]
                public static void Log(decimal price) { }
            }
            """);

        var problems = new List<string>();
        var walked = 0;
        foreach (var name in new[] { TrackingNames.Methods, TrackingNames.ValidMethods, TrackingNames.TypeGroups, TrackingNames.DispatchTable })
        {
            Assert.True(run.Result.TrackedSteps.TryGetValue(name, out var steps), $"No tracked step '{name}'.");
            foreach (var (value, _) in steps.SelectMany(s => s.Outputs))
            {
                walked++;
                WalkObject(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), problems);
            }
        }

        Assert.True(walked >= 4, $"Only {walked} step outputs to walk.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void WalkObject(object? value, string path, HashSet<object> seen, List<string> problems)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
        {
            return;
        }

        var type = value.GetType();
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        CheckNotForbidden(type, path, problems);
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                WalkObject(item, $"{path}[{i++}]", seen, problems);
            }

            return;
        }

        if (!IsGeneratorType(type) && !IsValueTuple(type))
        {
            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                WalkObject(field.GetValue(value), $"{path}.{field.Name}", seen, problems);
            }
        }
    }

    private static IEnumerable<(Type Type, string Name)> Members(Type type)
    {
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var field in t.GetFields(flags))
            {
                yield return (field.FieldType, field.Name);
            }

            foreach (var property in t.GetProperties(flags))
            {
                if (property.GetIndexParameters().Length == 0)
                {
                    yield return (property.PropertyType, property.Name);
                }
            }
        }
    }

    private static void CheckNotForbidden(Type type, string path, List<string> problems)
    {
        foreach (var forbidden in ForbiddenTypes)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                problems.Add($"{path} is a {type.FullName}, which is or derives from {forbidden.Name}.");
            }
        }
    }

    private static void CheckCollection(Type type, string path, List<string> problems)
    {
        if (type.IsArray)
        {
            problems.Add($"{path} is an array ({type.Name}); use EquatableArray<T>, which compares by value.");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                 && (definition == typeof(List<>) || definition == typeof(ImmutableArray<>)
                     || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>)))
        {
            problems.Add($"{path} is a {definition.Name}; use EquatableArray<T>, which compares by value.");
        }
    }

    private static bool IsGeneratorType(Type type) => type.Assembly == typeof(MethodSpec).Assembly;

    private static bool IsEquatableArray(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().Name.StartsWith("EquatableArray", StringComparison.Ordinal);

    private static bool IsValueTuple(Type type) =>
        type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal);
}
