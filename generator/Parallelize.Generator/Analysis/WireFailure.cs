namespace Parallelize.Generator.Analysis
{
    /// <summary>Why a type cannot cross: the reason, and where inside the declared type the failing part sits.</summary>
    /// <param name="Path">The member path to the failing part (<c>Order.Customer.OnChanged</c>); empty when the part is
    /// the declared type itself or one of its items without a member on the way.</param>
    /// <param name="HeldType">The failing part's type, when it is not the declared type itself.</param>
    /// <param name="Reason"><c>is a delegate</c>.</param>
    internal sealed record WireFailure(string Path, string HeldType, string Reason)
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
    }
}
