using System.Globalization;
using System.Text;
using Rung.Gates.Evaluation;

namespace Rung.Gates.Reports;

/// <summary>Weekly accuracy against the floor as an inline SVG: server-rendered, no script, colours from the page's CSS variables.</summary>
public static class SvgChart
{
    /// <summary>A bar per week, the floor as a dashed line; empty string when there are no weeks.</summary>
    public static string WeeklyAccuracy(IReadOnlyList<WeekAccuracy> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        if (weeks.Count == 0)
        {
            return string.Empty;
        }

        const double Width = 640, Height = 220, Left = 44, Bottom = 30, Top = 12;
        var low = Math.Max(0, Math.Floor((Math.Min(weeks.Min(w => w.Accuracy), weeks[0].Floor) - 0.05) * 20) / 20);
        double Y(double v) => Top + ((1 - v) / (1 - low + 1e-9) * (Height - Top - Bottom));
        var slot = (Width - Left - 10) / weeks.Count;
        var svg = new StringBuilder();
        svg.Append(F($"<svg role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" aria-label=\"Weekly accuracy against the floor\" xmlns=\"http://www.w3.org/2000/svg\">"));
        svg.Append("<title>Weekly accuracy against the floor</title>");
        foreach (var tick in new[] { low, (low + 1) / 2, 1.0 })
        {
            svg.Append(F($"<line x1=\"{Left}\" x2=\"{Width - 10}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\" class=\"grid\"/>"));
            svg.Append(F($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" class=\"axis\">{tick * 100:0}%</text>"));
        }

        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            var x = Left + (i * slot) + (slot * 0.15);
            var y = Y(Math.Max(w.Accuracy, low));
            svg.Append(F($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{Height - Bottom - y:0.#}\" class=\"{(w.Holds ? "bar-ok" : "bar-bad")}\"><title>week from {w.Start:yyyy-MM-dd}: {w.Accuracy * 100:0.0}% over {w.Labelled} labelled</title></rect>"));
            svg.Append(F($"<text x=\"{x + (slot * 0.35):0.#}\" y=\"{Height - 12}\" text-anchor=\"middle\" class=\"axis\">{w.Start:MM-dd}</text>"));
        }

        var floor = Y(weeks[0].Floor);
        svg.Append(F($"<line x1=\"{Left}\" x2=\"{Width - 10}\" y1=\"{floor:0.#}\" y2=\"{floor:0.#}\" class=\"floor\"/>"));
        svg.Append(F($"<text x=\"{Width - 12}\" y=\"{floor - 4:0.#}\" text-anchor=\"end\" class=\"axis\">floor {weeks[0].Floor * 100:0.0}%</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
