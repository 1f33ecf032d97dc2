namespace Rung.Runtime.Ingest;

/// <summary>
/// Splits one CSV line (RFC 4180 quoting: <c>"a ""b"", c"</c>) into cells. A cell cannot span lines: plant
/// histories never need it, and refusing it turns a forgotten closing quote into an error on the line where it
/// happened instead of a file silently read as one giant cell. Unquoted cells are trimmed.
/// </summary>
internal static class CsvLine
{
    /// <summary>Fills <paramref name="cells"/>; returns null, or the 0-based cell and the problem.</summary>
    public static (int Cell, string Problem)? Split(string text, List<string> cells)
    {
        cells.Clear();
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                var opened = i;
                var close = ClosingQuote(text, i + 1);
                if (close < 0)
                {
                    return (cells.Count, $"the quote opened at character {opened + 1} is not closed on this line (a cell cannot hold a line break)");
                }

                cells.Add(text[(opened + 1)..close].Replace("\"\"", "\"", StringComparison.Ordinal));
                i = close + 1;
                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < text.Length && text[i] != ',')
                {
                    return (cells.Count - 1, $"text after the closing quote at character {i + 1}");
                }
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                var cell = text[start..end].Trim();
                if (cell.Contains('"', StringComparison.Ordinal))
                {
                    return (cells.Count, "a quote inside an unquoted cell; quote the whole cell and double any quote in it");
                }

                cells.Add(cell);
                i = end;
            }

            if (i >= text.Length)
            {
                return null;
            }

            i++;
        }
    }

    private static int ClosingQuote(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] != '"')
            {
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '"')
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
