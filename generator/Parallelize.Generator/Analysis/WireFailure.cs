namespace Parallelize.Generator.Analysis
{
    /// <summary>Why a type cannot cross: the reason, and where inside the declared type the failing part sits.</summary>
    /// <param name="Path">The member path to the failing part (<c>Order.Customer.OnChanged</c>); empty when the part is
    /// the declared type itself or one of its items without a member on the way.</param>
    /// <param name="HeldType">The failing part's type, when it is not the declared type itself.</param>
    /// <param name="Reason"><c>is a delegate</c>.</param>
    /// <param name="SharedResult">The failing part is a shared object in a result (PAR0106, not PAR0102).</param>
    internal sealed record WireFailure(string Path, string HeldType, string Reason, bool SharedResult = false)
    {
        /// <summary>The end of a diagnostic that reads "... has type 'Order', which {this}".</summary>
        public string Describe()
        {
            if (Path.Length > 0)
            {
                return "cannot be carried because " + Path + " " + Reason;
            }

            return HeldType.Length > 0 ? "cannot be carried because it holds " + HeldType + ", which " + Reason : Reason;
        }

        /// <summary>
        /// Where a result holds a shared object, for PAR0106's "its result type 'Report' {this}, and ...":
        /// <c>is a shared object</c>, <c>holds a shared object at Report.Queue (ProcessQueue&lt;int&gt;)</c>, or
        /// <c>holds a shared object (ProcessLock)</c> for an item of the result type itself.
        /// </summary>
        public string DescribeSharedResult()
        {
            if (Path.Length > 0)
            {
                return "holds a shared object at " + Path + " (" + HeldType + ")";
            }

            return HeldType.Length > 0 ? "holds a shared object (" + HeldType + ")" : "is a shared object";
        }
    }
}
