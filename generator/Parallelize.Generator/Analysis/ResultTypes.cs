using Microsoft.CodeAnalysis;
using Parallelize.Generator.Model;

namespace Parallelize.Generator.Analysis
{
    /// <summary>Decides how a marked method's result comes back to the parent.</summary>
    internal static class ResultTypes
    {
        public const string ByReferenceReason = "is returned by reference";

        /// <summary>
        /// The result shape, or null with the reason and the type the reason is about (the <c>T</c> of
        /// <c>Task&lt;T&gt;</c>, else the return type). <paramref name="sharedObject"/> is true when the reason is a
        /// shared object in the result (PAR0106); the reason then says where (<see cref="WireFailure.DescribeSharedResult"/>).
        /// </summary>
        public static ResultSpec? Classify(
            IMethodSymbol method, WireTypeClassifier wire, out ITypeSymbol shown, out string? reason, out bool sharedObject)
        {
            shown = method.ReturnType;
            reason = null;
            sharedObject = false;
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                reason = ByReferenceReason;
                return null;
            }

            if (method.ReturnsVoid)
            {
                return new ResultSpec(ResultShape.Void, null);
            }

            KnownTypes known = wire.Known;
            ITypeSymbol type = method.ReturnType;
            if (KnownTypes.Is(type, known.Task) && !IsGeneric(type))
            {
                return new ResultSpec(ResultShape.Task, null);
            }

            if (KnownTypes.Is(type, known.ValueTask) && !IsGeneric(type))
            {
                return new ResultSpec(ResultShape.ValueTask, null);
            }

            ResultShape shape = ResultShape.Value;
            if (KnownTypes.Is(type, known.TaskOfT) || KnownTypes.Is(type, known.ValueTaskOfT))
            {
                shape = KnownTypes.Is(type, known.TaskOfT) ? ResultShape.TaskOfValue : ResultShape.ValueTaskOfValue;
                shown = ((INamedTypeSymbol)type).TypeArguments[0];
            }

            if (WireTypes.IsProgress(shown, out _))
            {
                // A progress parameter reports to the caller's instance; as a result it has no caller to report to.
                reason = WireTypes.NestedProgressReason;
                return null;
            }

            if (WireTypes.IsLogger(shown, out _))
            {
                // Likewise a logger: the caller's stays with the caller, and the child's forwards only while the call runs.
                reason = WireTypes.NestedLoggerReason;
                return null;
            }

            WireTypeSpec? value = wire.Classify(shown, out WireFailure? failure, WireUse.Result);
            if (value?.Kind == WireKind.CancellationToken)
            {
                // A token parameter is passed the child's token; as a result it has nothing to carry back.
                reason = WireTypes.NestedTokenReason;
                return null;
            }

            sharedObject = failure?.SharedResult == true;
            reason = sharedObject ? failure!.DescribeSharedResult() : failure?.Describe();
            return value is null ? null : new ResultSpec(shape, value);
        }

        private static bool IsGeneric(ITypeSymbol type) => type is INamedTypeSymbol { IsGenericType: true };
    }
}
