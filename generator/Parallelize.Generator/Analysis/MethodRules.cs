using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Parallelize.Generator.Diagnostics;

namespace Parallelize.Generator.Analysis
{
    /// <summary>
    /// The rules a <c>[RunInProcess]</c> method must meet, in one place: the analyzer reports them, the generator
    /// asks them and skips methods that break any.
    /// </summary>
    internal static class MethodRules
    {
        /// <summary>The names the generator adds to the containing type.</summary>
        public static readonly string[] GeneratedMemberNames = { "Calls", "Methods", "InProcess" };

        /// <summary>Reports every broken rule of a marked method; true when it breaks none.</summary>
        public static bool Check(
            IMethodSymbol method, MethodDeclarationSyntax syntax, WireTypeClassifier wire, Action<Diagnostic> report,
            CancellationToken cancellationToken)
        {
            KnownTypes known = wire.Known;
            bool valid = true;
            string member = TypeNames.MemberName(method);
            Location name = syntax.Identifier.GetLocation();

            void Fail(DiagnosticDescriptor descriptor, Location location, params object[] arguments)
            {
                valid = false;
                report(Diagnostic.Create(descriptor, location, arguments));
            }

            if (!method.IsStatic)
            {
                Fail(DiagnosticDescriptors.MethodMustBeStatic, name, member);
            }

            if (method.IsGenericMethod)
            {
                Fail(DiagnosticDescriptors.MethodMustNotBeGeneric, name, member);
            }

            if (method.IsStatic && (method.IsAbstract || method.IsVirtual))
            {
                // Static abstract/virtual interface members: calling one needs a type argument to pick the implementation.
                Fail(DiagnosticDescriptors.MethodMustNotBeAbstractOrVirtual, name, member,
                    method.IsAbstract ? "abstract" : "virtual");
            }

            if (method.IsAsync && method.ReturnsVoid)
            {
                Fail(DiagnosticDescriptors.AsyncVoidNotSupported, name, member);
            }

            string? inaccessible = AccessibilityWord(method.DeclaredAccessibility);
            if (inaccessible is not null)
            {
                Fail(DiagnosticDescriptors.MethodMustBeAccessible, name, member, inaccessible);
            }

            CheckContainingTypes(method, syntax, known, member, name, Fail);
            cancellationToken.ThrowIfCancellationRequested();
            // Not "valid &= ...": that reads valid before the call, and Fail clears it during the call.
            if (!CheckParameters(method, syntax, wire, member, Fail))
            {
                valid = false;
            }

            if (OverloadSameWithoutToken(method, known) is { } twin)
            {
                Fail(DiagnosticDescriptors.OverloadsDifferOnlyByToken, name, member, twin.ToDisplayString(TypeNames.Message));
            }

            if (ResultTypes.Classify(method, wire, out ITypeSymbol shown, out string? reason, out bool sharedObject) is null)
            {
                if (shown.TypeKind == TypeKind.Error)
                {
                    valid = false;
                }
                else if (sharedObject)
                {
                    Fail(DiagnosticDescriptors.SharedObjectResult, syntax.ReturnType.GetLocation(), member,
                        shown.ToDisplayString(TypeNames.Message), reason!);
                }
                else
                {
                    Fail(DiagnosticDescriptors.ReturnTypeNotSupported, syntax.ReturnType.GetLocation(), member,
                        shown.ToDisplayString(TypeNames.Message), reason!);
                }
            }

            return valid;
        }

        /// <summary>The diagnostic for an attribute on a local function or a lambda.</summary>
        public static Diagnostic NotAMethod(AttributeSyntax attribute, SyntaxNode target)
        {
            string what = target is LocalFunctionStatementSyntax local
                ? "local function '" + local.Identifier.Text + "'"
                : "a lambda expression";
            return Diagnostic.Create(DiagnosticDescriptors.OnlyMethodsCanRunInProcess, attribute.GetLocation(), what);
        }

        private static void CheckContainingTypes(
            IMethodSymbol method, MethodDeclarationSyntax syntax, KnownTypes known, string member, Location name,
            Action<DiagnosticDescriptor, Location, object[]> fail)
        {
            // Syntax ancestors and containing symbols line up one to one, innermost first.
            TypeDeclarationSyntax[] declarations = syntax.Ancestors().OfType<TypeDeclarationSyntax>().ToArray();
            INamedTypeSymbol? type = method.ContainingType;
            bool partialReported = false, genericReported = false, accessReported = false;
            for (int i = 0; type is not null && i < declarations.Length; i++, type = type.ContainingType)
            {
                string shown = type.ToDisplayString(TypeNames.Message);
                SyntaxTokenList modifiers = declarations[i].Modifiers;
                if (!partialReported && !modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    partialReported = true;
                    fail(DiagnosticDescriptors.ContainingTypeMustBePartial, name, new object[] { member, shown });
                }

                if (!genericReported && type.TypeParameters.Length > 0)
                {
                    genericReported = true;
                    fail(DiagnosticDescriptors.ContainingTypeMustNotBeGeneric, name, new object[] { member, shown });
                }

                string? inaccessible = modifiers.Any(SyntaxKind.FileKeyword)
                    ? "file-local"
                    : AccessibilityWord(type.DeclaredAccessibility);
                if (!accessReported && inaccessible is not null)
                {
                    accessReported = true;
                    fail(DiagnosticDescriptors.ContainingTypeMustBeAccessible, name,
                        new object[] { member, shown, inaccessible });
                }
            }

            if (method.ContainingType is { } innermost)
            {
                foreach (string taken in GeneratedMemberNames)
                {
                    if (MembersNamed(innermost, taken).Any(m => !IsGeneratedByUs(m, known)))
                    {
                        fail(DiagnosticDescriptors.GeneratedMemberNameTaken, name,
                            new object[] { member, innermost.ToDisplayString(TypeNames.Message), taken });
                    }
                }
            }
        }

        /// <summary>
        /// True when a base type has generated <c>Calls</c>/<c>Methods</c>/<c>InProcess</c> classes, so the derived
        /// type's must say <c>new</c> (CS0108): either compiled ones from a referenced assembly, or ones this run
        /// generates for a base type of the same compilation, which the generator's input cannot show yet, so its
        /// marks stand for them.
        /// </summary>
        public static bool HidesInheritedGeneratedMembers(INamedTypeSymbol type, KnownTypes known)
        {
            if (GeneratedMemberNames.Any(name => InheritedMembersNamed(type, name).Any()))
            {
                return true;
            }

            // Only base types compiled in this run can have marks whose Calls do not exist yet; metadata base
            // types (object, framework classes) already show theirs by name above and are not scanned.
            for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (baseType.Locations.Any(static l => l.IsInSource) &&
                    baseType.GetMembers().OfType<IMethodSymbol>().Any(m => m.GetAttributes()
                        .Any(a => KnownTypes.Is(a.AttributeClass, known.RunInProcessAttribute))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Members of the type and of its base types: a member inherited under a generated name is hidden too.</summary>
        private static IEnumerable<ISymbol> MembersNamed(INamedTypeSymbol type, string name) =>
            type.GetMembers(name).Concat(InheritedMembersNamed(type, name));

        private static IEnumerable<ISymbol> InheritedMembersNamed(INamedTypeSymbol type, string name)
        {
            for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                foreach (ISymbol member in baseType.GetMembers(name))
                {
                    if (member.DeclaredAccessibility != Accessibility.Private)
                    {
                        yield return member;
                    }
                }
            }
        }

        /// <summary>
        /// Another marked overload whose parameters are this one's once tokens are left out, or null. The two would
        /// get the same <c>Calls</c> factory (CS0111), and when only one takes a token, the same <c>InProcess</c>
        /// shortcut too; overloads that differ otherwise never clash, as a shortcut only adds a token at the end.
        /// Checked from each side, so every overload of the group is reported and none generated, whatever the
        /// source order. The other one counts even if it breaks another rule: fixing that would bring the clash back.
        /// </summary>
        private static IMethodSymbol? OverloadSameWithoutToken(IMethodSymbol method, KnownTypes known)
        {
            if (method.ContainingType is null || method.Parameters.Any(static p => p.Type.TypeKind == TypeKind.Error))
            {
                return null;
            }

            IParameterSymbol[] carried = CarriedParameters(method);
            foreach (ISymbol candidate in method.ContainingType.GetMembers(method.Name))
            {
                // The same full parameter list is the method itself (or the other part of a partial method), or a
                // duplicate the compiler reports already (CS0111).
                if (candidate is IMethodSymbol other &&
                    other.MethodKind == MethodKind.Ordinary &&
                    !other.Parameters.Any(static p => p.Type.TypeKind == TypeKind.Error) &&
                    !SameTypes(other.Parameters, method.Parameters) &&
                    SameTypes(CarriedParameters(other), carried) &&
                    other.GetAttributes().Any(a => KnownTypes.Is(a.AttributeClass, known.RunInProcessAttribute)))
                {
                    return other;
                }
            }

            return null;
        }

        private static IParameterSymbol[] CarriedParameters(IMethodSymbol method) =>
            method.Parameters.Where(static p => !WireTypes.IsCancellationToken(p.Type)).ToArray();

        /// <summary>Same types and ref kinds in order: what makes two C# parameter lists one signature.</summary>
        private static bool SameTypes(IReadOnlyList<IParameterSymbol> left, IReadOnlyList<IParameterSymbol> right)
        {
            if (left.Count != right.Count)
            {
                return false;
            }

            for (int i = 0; i < left.Count; i++)
            {
                if (left[i].RefKind != right[i].RefKind ||
                    !SymbolEqualityComparer.Default.Equals(left[i].Type, right[i].Type))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool CheckParameters(
            IMethodSymbol method, MethodDeclarationSyntax syntax, WireTypeClassifier wire, string member,
            Action<DiagnosticDescriptor, Location, object[]> fail)
        {
            bool valid = true;
            string? firstToken = null;
            string? firstProgress = null;
            string? firstLogger = null;
            SeparatedSyntaxList<ParameterSyntax> parameters = syntax.ParameterList.Parameters;
            for (int i = 0; i < method.Parameters.Length && i < parameters.Count; i++)
            {
                IParameterSymbol parameter = method.Parameters[i];
                ParameterSyntax parameterSyntax = parameters[i];
                string? modifier = ModifierWord(parameterSyntax.Modifiers);
                if (modifier is not null)
                {
                    fail(DiagnosticDescriptors.ParameterModifierNotSupported, parameterSyntax.GetLocation(),
                        new object[] { member, parameter.Name, modifier });
                    continue;
                }

                if (parameter.Type.TypeKind == TypeKind.Error)
                {
                    // The compiler already reports the unknown type; one error is enough.
                    valid = false;
                    continue;
                }

                if (wire.Classify(parameter.Type, out WireFailure? failure) is null)
                {
                    Location location = parameterSyntax.Type?.GetLocation() ?? parameterSyntax.GetLocation();
                    fail(DiagnosticDescriptors.ParameterTypeNotSupported, location,
                        new object[] { member, parameter.Name, parameter.Type.ToDisplayString(TypeNames.Message), failure!.Describe() });
                }
                else if (WireTypes.IsCancellationToken(parameter.Type))
                {
                    if (firstToken is not null)
                    {
                        fail(DiagnosticDescriptors.SingleCancellationToken, parameterSyntax.GetLocation(),
                            new object[] { member, firstToken, parameter.Name });
                    }

                    firstToken ??= parameter.Name;
                }
                else if (WireTypes.IsProgress(parameter.Type, out _))
                {
                    // A progress frame names its call, not a parameter: a call reports to one IProgress.
                    if (firstProgress is not null)
                    {
                        fail(DiagnosticDescriptors.SingleProgress, parameterSyntax.GetLocation(),
                            new object[] { member, firstProgress, parameter.Name });
                    }

                    firstProgress ??= parameter.Name;
                }
                else if (WireTypes.IsLogger(parameter.Type, out _))
                {
                    // A log frame names its call, not a parameter: a call's entries go to one logger.
                    if (firstLogger is not null)
                    {
                        fail(DiagnosticDescriptors.SingleLogger, parameterSyntax.GetLocation(),
                            new object[] { member, firstLogger, parameter.Name });
                    }

                    firstLogger ??= parameter.Name;
                }
            }

            return valid;
        }

        private static string? ModifierWord(SyntaxTokenList modifiers)
        {
            if (modifiers.Any(SyntaxKind.ParamsKeyword))
            {
                return "a 'params' parameter";
            }

            if (modifiers.Any(SyntaxKind.RefKeyword))
            {
                return modifiers.Any(SyntaxKind.ReadOnlyKeyword) ? "passed by 'ref readonly'" : "passed by 'ref'";
            }

            if (modifiers.Any(SyntaxKind.OutKeyword))
            {
                return "passed by 'out'";
            }

            return modifiers.Any(SyntaxKind.InKeyword) ? "passed by 'in'" : null;
        }

        private static string? AccessibilityWord(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Private => "private",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => null,
        };

        private static bool IsGeneratedByUs(ISymbol member, KnownTypes known)
        {
            foreach (AttributeData attribute in member.GetAttributes())
            {
                if (KnownTypes.Is(attribute.AttributeClass, known.GeneratedCodeAttribute) &&
                    attribute.ConstructorArguments.Length > 0 &&
                    attribute.ConstructorArguments[0].Value is string tool &&
                    tool == RunInProcessGenerator.ToolName)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
