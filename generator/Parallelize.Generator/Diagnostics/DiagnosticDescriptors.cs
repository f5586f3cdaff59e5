using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Parallelize.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic Parallelize reports. Ranges: PAR00xx method shape, PAR01xx parameter and result types,
    /// PAR02xx containing type. All are errors: the call could not work.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "Parallelize";
        private const string HelpLinkBase = "https://github.com/parallelize/parallelize/blob/main/docs/diagnostics/";

        public static readonly DiagnosticDescriptor MethodMustBeStatic = Error(
            "PAR0001",
            "Method must be static",
            "'{0}' cannot run in a child process: it is an instance method; make it static");

        public static readonly DiagnosticDescriptor MethodMustNotBeGeneric = Error(
            "PAR0002",
            "Method must not be generic",
            "'{0}' cannot run in a child process: it is generic, and the child cannot know its type arguments");

        public static readonly DiagnosticDescriptor ParameterModifierNotSupported = Error(
            "PAR0003",
            "Parameter modifier not supported",
            "'{0}' cannot run in a child process: parameter '{1}' is {2}");

        public static readonly DiagnosticDescriptor MethodMustBeAccessible = Error(
            "PAR0004",
            "Method must be internal or public",
            "'{0}' cannot run in a child process: it is {1}, and generated code needs it internal or public");

        public static readonly DiagnosticDescriptor OnlyMethodsCanRunInProcess = Error(
            "PAR0005",
            "Only methods can run in a child process",
            "[RunInProcess] cannot mark {0}: only static methods declared in a type can run in a child process");

        public static readonly DiagnosticDescriptor AsyncVoidNotSupported = Error(
            "PAR0006",
            "Async void method cannot run in a child process",
            "'{0}' cannot run in a child process: it is async void, so nobody can observe when it ends; return Task instead");

        public static readonly DiagnosticDescriptor MethodMustNotBeAbstractOrVirtual = Error(
            "PAR0007",
            "Method must not be abstract or virtual",
            "'{0}' cannot run in a child process: it is static {1}, so only a type argument could say which implementation runs; make it a plain static method");

        public static readonly DiagnosticDescriptor ParameterTypeNotSupported = Error(
            "PAR0101",
            "Parameter type cannot be carried to the child",
            "'{0}' cannot run in a child process: parameter '{1}' has type '{2}', which {3}");

        public static readonly DiagnosticDescriptor ReturnTypeNotSupported = Error(
            "PAR0102",
            "Result type cannot be carried back from the child",
            "'{0}' cannot run in a child process: its result type '{1}' {2}");

        public static readonly DiagnosticDescriptor SingleCancellationToken = Error(
            "PAR0103",
            "At most one CancellationToken parameter",
            "'{0}' cannot run in a child process: parameters '{1}' and '{2}' are both CancellationToken, and a call has one cancellation; take one token");

        public static readonly DiagnosticDescriptor OverloadsDifferOnlyByToken = Error(
            "PAR0104",
            "Marked overloads must differ in more than a CancellationToken",
            "'{0}' cannot run in a child process: except for CancellationToken it has the same parameters as the [RunInProcess] overload '{1}', so their generated Calls and InProcess members would clash; rename one or change its parameters");

        public static readonly DiagnosticDescriptor SingleProgress = Error(
            "PAR0105",
            "At most one IProgress<T> parameter",
            "'{0}' cannot run in a child process: parameters '{1}' and '{2}' are both IProgress<T>, and a call reports to one IProgress; take one");

        public static readonly DiagnosticDescriptor SharedObjectResult = Error(
            "PAR0106",
            "A shared object cannot be a result",
            "'{0}' cannot run in a child process: its result type '{1}' {2}, and a shared object cannot be a result: the child that created it may exit before the caller attaches; create it in the caller and pass it in as an argument");

        public static readonly DiagnosticDescriptor SingleLogger = Error(
            "PAR0107",
            "At most one ILogger parameter",
            "'{0}' cannot run in a child process: parameters '{1}' and '{2}' are both ILogger, and a call's log entries go to one logger; take one");

        public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Error(
            "PAR0201",
            "Containing type must be partial",
            "'{0}' cannot run in a child process: its containing type '{1}' must be partial, so the generator can add Calls and InProcess to it");

        public static readonly DiagnosticDescriptor ContainingTypeMustNotBeGeneric = Error(
            "PAR0202",
            "Containing type must not be generic",
            "'{0}' cannot run in a child process: its containing type '{1}' is generic, and the child cannot know its type arguments");

        public static readonly DiagnosticDescriptor ContainingTypeMustBeAccessible = Error(
            "PAR0203",
            "Containing type must be internal or public",
            "'{0}' cannot run in a child process: its containing type '{1}' is {2}, and generated code needs it internal or public");

        public static readonly DiagnosticDescriptor GeneratedMemberNameTaken = Error(
            "PAR0204",
            "Containing type already has a member the generator needs",
            "'{0}' cannot run in a child process: its containing type '{1}' already has a member named '{2}', which the generator needs");

        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            MethodMustBeStatic,
            MethodMustNotBeGeneric,
            ParameterModifierNotSupported,
            MethodMustBeAccessible,
            OnlyMethodsCanRunInProcess,
            AsyncVoidNotSupported,
            MethodMustNotBeAbstractOrVirtual,
            ParameterTypeNotSupported,
            ReturnTypeNotSupported,
            SingleCancellationToken,
            OverloadsDifferOnlyByToken,
            SingleProgress,
            SharedObjectResult,
            SingleLogger,
            ContainingTypeMustBePartial,
            ContainingTypeMustNotBeGeneric,
            ContainingTypeMustBeAccessible,
            GeneratedMemberNameTaken);

        private static DiagnosticDescriptor Error(string id, string title, string message) => new DiagnosticDescriptor(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id + ".md");
    }
}
