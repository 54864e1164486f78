using System.Collections.Generic;
using System.Text;

namespace Mp4Timing.Tests.Support
{
    /// <summary>
    /// Splits a command line (without the program name) into arguments by the rules a Windows process's
    /// C runtime applies ("Parsing C++ command-line arguments", Microsoft Learn), which .NET's
    /// ProcessStartInfo.Arguments also follows on every platform: whitespace (space, tab) separates
    /// arguments outside quotes; 2n backslashes before a quote give n backslashes and the quote opens or
    /// closes a quoted part; 2n+1 backslashes before a quote give n backslashes and a literal quote;
    /// backslashes before anything else are literal; "" inside a quoted part is a literal quote.
    /// </summary>
    internal static class WindowsCommandLine
    {
        public static List<string> Split(string commandLine)
        {
            var arguments = new List<string>();
            var current = new StringBuilder();
            bool quoted = false, started = false;
            int i = 0;
            while (i < commandLine.Length)
            {
                char c = commandLine[i];
                if (!quoted && (c == ' ' || c == '\t'))
                {
                    if (started) arguments.Add(current.ToString());
                    current.Clear();
                    started = false;
                    i++;
                    continue;
                }
                started = true;
                if (c == '\\')
                {
                    int backslashes = 0;
                    while (i < commandLine.Length && commandLine[i] == '\\')
                    {
                        backslashes++;
                        i++;
                    }
                    bool beforeQuote = i < commandLine.Length && commandLine[i] == '"';
                    current.Append('\\', beforeQuote ? backslashes / 2 : backslashes);
                    if (beforeQuote && backslashes % 2 == 1)
                    {
                        current.Append('"');
                        i++;
                    }
                    continue;
                }
                if (c == '"')
                {
                    if (quoted && i + 1 < commandLine.Length && commandLine[i + 1] == '"')
                    {
                        current.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = !quoted;
                    i++;
                    continue;
                }
                current.Append(c);
                i++;
            }
            if (started) arguments.Add(current.ToString());
            return arguments;
        }
    }
}
