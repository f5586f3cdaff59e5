using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Parallelize.Generator.Tests.Infrastructure;
using Xunit;

namespace Parallelize.Generator.Tests.Emit;

/// <summary>
/// The <c>InProcess</c> shortcuts resolve the way the marked methods do: a method without a token gets one shortcut
/// with exactly its parameters and one with a required token after them, so a call binds to the shortcut of the
/// method the same call binds to on the type. Checked by compiling calls and asking the semantic model which member
/// each one binds to, not just whether it compiles.
/// </summary>
public sealed class InProcessOverloadTests
{
    /// <summary>Parameter types, names and defaults, as a reader compares signatures.</summary>
    private static readonly SymbolDisplayFormat Signature = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
            SymbolDisplayParameterOptions.IncludeDefaultValue,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private const string Overloads =
        "[RunInProcess] public static int Run(int x) => x; [RunInProcess] public static int Run(int x, string s = \"\") => x;";

    private const string Greet = "[RunInProcess] public static int Greet(string name = \"world\", int times = 1) => times;";

    private const string BothDefaulted =
        "[RunInProcess] public static int Run(int x, string s = \"\") => x; [RunInProcess] public static int Run(int x, string s, int y = 0) => y;";

    private const string TokenSibling =
        "[RunInProcess] public static int Run(int x) => x; [RunInProcess] public static int Run(string s, CancellationToken ct = default) => 0;";

    public static TheoryData<string, string> CallsWithoutToken => new()
    {
        // The case that was CS0121 with one shortcut per method and an optional token on each.
        { Overloads, "Run(1)" },
        { Overloads, "Run(1, \"a\")" },
        { Overloads, "Run(x: 1)" },
        { Overloads, "Run(1, s: \"a\")" },
        { Greet, "Greet()" },
        { Greet, "Greet(\"a\")" },
        { Greet, "Greet(times: 2)" },
        { Greet, "Greet(\"a\", 2)" },
        // Both methods have defaults: Run(1, "a") takes none on the first, so it binds there. Any shortcut that adds
        // an optional token to both would need a default on each and be ambiguous.
        { BothDefaulted, "Run(1, \"a\")" },
        { BothDefaulted, "Run(1)" },
        { BothDefaulted, "Run(1, \"a\", 2)" },
        // A method that takes a token keeps its one shortcut, token and default included, next to one that does not.
        { TokenSibling, "Run(1)" },
        { TokenSibling, "Run(\"a\")" },
        { "[RunInProcess] public static int Zero() => 0;", "Zero()" },
    };

    [Theory]
    [MemberData(nameof(CallsWithoutToken))]
    public void CallWithoutTokenBindsLikeTheMethods(string members, string call)
    {
        var run = Run(members, "Jobs." + call, "Jobs.Calls." + call, "Jobs.InProcess." + call);

        var method = Bound(run, "Jobs." + call);
        var shortcut = Bound(run, "Jobs.InProcess." + call);
        var factory = Bound(run, "Jobs.Calls." + call);
        Assert.Equal("InProcess", shortcut.ContainingType.Name);
        Assert.Equal(method.ToDisplayString(Signature), shortcut.ToDisplayString(Signature));
        // Calls keep the method's parameters but the token, which the executor takes instead.
        Assert.Equal(Show(method.Parameters.Where(p => p.Type.Name != "CancellationToken")), Show(factory.Parameters));
    }

    public static TheoryData<string, string, string, string> CallsWithToken => new()
    {
        // members, the call without a token, the same call with one, the name the shortcut gives the token
        { Overloads, "Run(1)", "Run(1, token)", "cancellationToken" },
        { Overloads, "Run(1, \"a\")", "Run(1, \"a\", token)", "cancellationToken" },
        { Overloads, "Run(x: 1)", "Run(x: 1, cancellationToken: token)", "cancellationToken" },
        { Greet, "Greet(\"a\", 2)", "Greet(\"a\", 2, token)", "cancellationToken" },
        { Greet, "Greet(times: 2, name: \"a\")", "Greet(times: 2, name: \"a\", cancellationToken: token)", "cancellationToken" },
        { "[RunInProcess] public static int Zero() => 0;", "Zero()", "Zero(token)", "cancellationToken" },
        // The added token must not take a parameter's name.
        { "[RunInProcess] public static int Run(int cancellationToken) => cancellationToken;", "Run(1)", "Run(1, token)", "_cancellationToken" },
        { "[RunInProcess] public static int Run(int cancellationToken) => cancellationToken;", "Run(cancellationToken: 1)", "Run(cancellationToken: 1, _cancellationToken: token)", "_cancellationToken" },
        { "[RunInProcess] public static int Run(int cancellationToken, string _cancellationToken = \"\") => 0;", "Run(1, \"a\")", "Run(1, \"a\", token)", "__cancellationToken" },
    };

    [Theory]
    [MemberData(nameof(CallsWithToken))]
    public void CallWithTokenBindsToTheTokenOverloadOfTheSameMethod(string members, string call, string callWithToken, string tokenName)
    {
        var run = Run(members, "Jobs." + call, "Jobs.InProcess." + callWithToken);

        var method = Bound(run, "Jobs." + call);
        var shortcut = Bound(run, "Jobs.InProcess." + callWithToken);
        Assert.Equal("InProcess", shortcut.ContainingType.Name);
        // The method's parameters without their defaults (C# puts optional parameters last), then a required token.
        var expected = method.Parameters.Select(p => p.Type.ToDisplayString(Signature) + " " + p.Name)
            .Append("System.Threading.CancellationToken " + tokenName);
        Assert.Equal(string.Join(", ", expected), Show(shortcut.Parameters));
    }

    [Theory]
    [InlineData("Greet(token)")]
    [InlineData("Greet(cancellationToken: token)")]
    [InlineData("Greet(\"a\", cancellationToken: token)")]
    [InlineData("Greet(times: 2, cancellationToken: token)")]
    public void TokenAfterOmittedDefaultsDoesNotCompile(string call)
    {
        // The chosen trade-off (docs/dev/generator-contract.md): the token overload spells every argument out.
        // An optional token there instead would make every call that leaves a default out ambiguous.
        var run = GeneratorHarness.Run(Source(Greet, "Jobs.InProcess." + call));

        Assert.Empty(run.AnalyzerDiagnostics);
        var errors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("Source0.cs", e.Location.SourceTree?.FilePath));
        Assert.Null(SymbolInfo(run, "Jobs.InProcess." + call).Symbol);
    }

    [Fact]
    public void DefaultLiteralWhereATokenCouldGoIsAmbiguous()
    {
        // The one known difference from the methods: a 'default' literal converts to the string and to the token
        // alike, and neither conversion is better. A typed argument (null, "", default(string)) binds as on the type.
        var run = GeneratorHarness.Run(Source(Overloads, "Jobs.Run(1, default)", "Jobs.InProcess.Run(1, default)", "Jobs.InProcess.Run(1, null)"));

        Assert.Equal("Run(int x, string s = \"\")", Bound(run, "Jobs.Run(1, default)").ToDisplayString(Signature));
        Assert.Equal("Run(int x, string s = \"\")", Bound(run, "Jobs.InProcess.Run(1, null)").ToDisplayString(Signature));
        Assert.Null(SymbolInfo(run, "Jobs.InProcess.Run(1, default)").Symbol);
        var error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0121", error.Id);
    }

    [Fact]
    public void MethodThatTakesATokenKeepsOneShortcut()
    {
        var run = Run(
            TokenSibling,
            "Jobs.InProcess.Run(\"a\", token)",
            "Jobs.InProcess.Run(\"a\")");

        var inProcess = run.OutputCompilation.GetTypeByMetadataName("Samples.Jobs+InProcess")!;
        Assert.Equal(
            [
                "Run(int x)",
                "Run(int x, System.Threading.CancellationToken cancellationToken)",
                "Run(string s, System.Threading.CancellationToken ct = default(System.Threading.CancellationToken))",
            ],
            inProcess.GetMembers("Run").Select(m => m.ToDisplayString(Signature)).Order(StringComparer.Ordinal));
        var own = inProcess.GetMembers("Run").OfType<IMethodSymbol>().Single(m => m.Parameters[0].Type.SpecialType == SpecialType.System_String);
        Assert.Equal<ISymbol>(own, Bound(run, "Jobs.InProcess.Run(\"a\", token)"), SymbolEqualityComparer.Default);
        Assert.Equal<ISymbol>(own, Bound(run, "Jobs.InProcess.Run(\"a\")"), SymbolEqualityComparer.Default);
    }

    [Fact]
    public void DerivedNestedAndInternalTypesBindToTheirOwnShortcuts()
    {
        // Derived's InProcess hides Base's ('new'); Inner's shortcuts are public members of an internal type, as its methods are.
        var run = GeneratorHarness.Run(
            """
            using System.Threading;
            using Parallelize;
            namespace Samples;
            public partial class Base { [RunInProcess] public static int Run(int x) => x; }
            public partial class Derived : Base
            {
                [RunInProcess] public static new int Run(int x) => x;
                [RunInProcess] public static int Run(int x, string s = "") => x;
            }
            internal static partial class Outer
            {
                public static partial class Inner
                {
                    [RunInProcess] public static int Run(int x) => x;
                    [RunInProcess] public static int Run(int x, string s = "") => x;
                }
            }
            public static class Use
            {
                public static void Call(CancellationToken token)
                {
                    Base.InProcess.Run(1);
                    Derived.InProcess.Run(1);
                    Derived.InProcess.Run(1, token);
                    Outer.Inner.InProcess.Run(1);
                    Outer.Inner.InProcess.Run(1, "a", token);
                }
            }
            """);

        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal("Samples.Base.InProcess.Run(int x)", Full(Bound(run, "Base.InProcess.Run(1)")));
        Assert.Equal("Samples.Derived.InProcess.Run(int x)", Full(Bound(run, "Derived.InProcess.Run(1)")));
        Assert.Equal("Samples.Derived.InProcess.Run(int x, System.Threading.CancellationToken cancellationToken)", Full(Bound(run, "Derived.InProcess.Run(1, token)")));
        Assert.Equal("Samples.Outer.Inner.InProcess.Run(int x)", Full(Bound(run, "Outer.Inner.InProcess.Run(1)")));
        var internalShortcut = Bound(run, "Outer.Inner.InProcess.Run(1, \"a\", token)");
        Assert.Equal("Samples.Outer.Inner.InProcess.Run(int x, string s, System.Threading.CancellationToken cancellationToken)", Full(internalShortcut));
        Assert.Equal(Accessibility.Public, internalShortcut.DeclaredAccessibility);
    }

    [Fact]
    public void EveryShortcutHasADocCommentThatTheCompilerAccepts()
    {
        // Diagnose mode reports a public member without a doc comment (CS1591) and a paramref to no parameter (CS1734).
        var run = Run(Overloads + " " + Greet + " [RunInProcess] public static void Wait(int cancellationToken) { }", "Jobs.InProcess.Run(1)");
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = run.OutputCompilation;
        foreach (var tree in compilation.SyntaxTrees.ToList())
        {
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(tree.GetRoot(), options));
        }

        var generated = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(generated.Count == 0, string.Join("\n", generated));

        var inProcess = compilation.GetTypeByMetadataName("Samples.Jobs+InProcess")!;
        var shortcuts = inProcess.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        Assert.Equal(8, shortcuts.Count);
        Assert.All(shortcuts, m => Assert.StartsWith("<member name=\"M:Samples.Jobs.InProcess.", m.GetDocumentationCommentXml(), StringComparison.Ordinal));
        var waitWithToken = inProcess.GetMembers("Wait").OfType<IMethodSymbol>().Single(m => m.Parameters.Length == 2);
        Assert.Contains("cancelling <paramref name=\"_cancellationToken\"/> stops the call", waitWithToken.GetDocumentationCommentXml(), StringComparison.Ordinal);
    }

    private static GeneratorRun Run(string members, params string[] calls)
    {
        var run = GeneratorHarness.Run(Source(members, calls));
        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
        return run;
    }

    private static string Source(string members, params string[] calls) =>
        "using System.Threading;\nusing Parallelize;\nnamespace Samples;\n" +
        "public static partial class Jobs { " + members + " }\n" +
        "public static class Use { public static void Call(CancellationToken token) { " +
        string.Concat(calls.Select(c => c + "; ")) + "} }\n";

    private static IMethodSymbol Bound(GeneratorRun run, string call)
    {
        var info = SymbolInfo(run, call);
        return info.Symbol as IMethodSymbol ?? throw new Xunit.Sdk.XunitException(
            $"'{call}' binds to nothing ({info.CandidateReason}); candidates: " +
            string.Join(", ", info.CandidateSymbols.Select(s => s.ToDisplayString())));
    }

    private static SymbolInfo SymbolInfo(GeneratorRun run, string call)
    {
        var tree = run.OutputCompilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
        var invocation = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(i => i.ToString() == call);
        return run.OutputCompilation.GetSemanticModel(tree).GetSymbolInfo(invocation);
    }

    private static string Show(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(p => p.ToDisplayString(Signature)));

    private static string Full(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString() + "." + method.ToDisplayString(Signature);
}
