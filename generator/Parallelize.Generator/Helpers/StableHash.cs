using System.Text;

namespace Parallelize.Generator.Helpers
{
    /// <summary>FNV-1a, 32 bits: a method id that every build of the same signature reproduces.</summary>
    internal static class StableHash
    {
        public static uint Fnv1a(string text)
        {
            uint hash = 2166136261;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                hash = unchecked((hash ^ b) * 16777619);
            }

            return hash;
        }
    }
}
