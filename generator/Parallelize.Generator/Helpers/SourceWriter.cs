using System.Text;

namespace Parallelize.Generator.Helpers
{
    /// <summary>Builds generated source line by line with four-space indentation and '\n' line ends.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new StringBuilder();

        public int Indentation { get; set; }

        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', Indentation * 4).Append(line);
            }

            _text.Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="line"/>, if any, and opens a brace block under it.</summary>
        public SourceWriter Open(string line = "")
        {
            if (line.Length > 0)
            {
                Line(line);
            }

            Line("{");
            Indentation++;
            return this;
        }

        public SourceWriter Close(string suffix = "")
        {
            Indentation--;
            return Line("}" + suffix);
        }

        public override string ToString() => _text.ToString();
    }
}
