using System.Globalization;
using System.Text;

namespace Scrutineer.Report;

/// <summary>
/// The ballots-over-time chart as inline SVG, drawn here so the report needs no script and no external asset:
/// bars per bin, the cumulative total as a line on its own scale, Open and Close as labelled rules, the final
/// stretch shaded.
/// </summary>
internal static class SvgChart
{
    private const int W = 760, H = 260, Left = 56, Right = 56, Top = 20, Bottom = 40;

    /// <param name="what">What is counted, plural ("ballots", "enrollments"): the chart's words, and its title's id.</param>
    public static string Ballots(Timeline t, string what = "ballots")
    {
        var sb = new StringBuilder();
        int plotW = W - Left - Right, plotH = H - Top - Bottom;
        long bins = t.PerBin.Length;
        long maxBin = Math.Max(1, t.PerBin.Max());
        long total = Math.Max(1, t.PerBin.Sum());
        double X(long ms) => Left + plotW * (double)(ms - t.StartMs) / (bins * t.BinMs);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"chart-{what.Replace(' ', '-')}\" class=\"chart\">");
        sb.Append($"<title id=\"chart-{what.Replace(' ', '-')}\">{char.ToUpperInvariant(what[0])}{what[1..]} per {t.BinName} and cumulative {what}, from {Time(t.StartMs)} UTC</title>");
        double shadeX = Math.Max(Left, X(t.FinalStretchFromMs));
        sb.Append($"<rect x=\"{F(shadeX)}\" y=\"{Top}\" width=\"{F(Math.Max(0, Left + plotW - shadeX))}\" height=\"{plotH}\" class=\"stretch\"><title>final stretch: {t.InFinalStretch} {what}</title></rect>");
        double barW = Math.Max(1, (double)plotW / bins - 1);
        for (int i = 0; i < bins; i++)
        {
            if (t.PerBin[i] == 0) continue;
            double h = plotH * (double)t.PerBin[i] / maxBin;
            sb.Append($"<rect x=\"{F(Left + (double)plotW * i / bins)}\" y=\"{F(Top + plotH - h)}\" width=\"{F(barW)}\" height=\"{F(h)}\" class=\"bar\"><title>{Time(t.StartMs + i * t.BinMs)}: {t.PerBin[i]} {what}</title></rect>");
        }
        var line = new StringBuilder();
        long running = 0;
        line.Append(CultureInfo.InvariantCulture, $"{F(Left)},{F(Top + plotH)}");
        for (int i = 0; i < bins; i++)
        {
            running += t.PerBin[i];
            line.Append(' ').Append(F(Left + (double)plotW * (i + 1) / bins)).Append(',').Append(F(Top + plotH - plotH * (double)running / total));
        }
        sb.Append($"<polyline points=\"{line}\" class=\"cumulative\"/>");
        foreach (var (ms, label) in new[] { (t.OpenMs, "Open"), (t.CloseMs, "Close") })
        {
            if (ms is not { } m) continue;
            double x = X(m);
            sb.Append($"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{Top - 8}\" y2=\"{Top + plotH}\" class=\"mark\"/>");
            sb.Append($"<text x=\"{F(x)}\" y=\"{Top - 10}\" class=\"mark-label\" text-anchor=\"middle\">{label}</text>");
        }
        sb.Append($"<line x1=\"{Left}\" x2=\"{Left + plotW}\" y1=\"{Top + plotH}\" y2=\"{Top + plotH}\" class=\"axis\"/>");
        sb.Append($"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\" class=\"tick\">{maxBin}</text>");
        sb.Append($"<text x=\"{Left - 6}\" y=\"{Top + plotH}\" text-anchor=\"end\" class=\"tick\">0</text>");
        sb.Append($"<text x=\"{Left + plotW + 6}\" y=\"{Top + 4}\" class=\"tick\">{t.PerBin.Sum()}</text>");
        sb.Append($"<text x=\"{Left}\" y=\"{H - 12}\" class=\"tick\">{Time(t.StartMs)}</text>");
        sb.Append($"<text x=\"{Left + plotW}\" y=\"{H - 12}\" text-anchor=\"end\" class=\"tick\">{Time(t.StartMs + bins * t.BinMs)}</text>");
        sb.Append($"<text x=\"{Left + plotW / 2}\" y=\"{H - 12}\" text-anchor=\"middle\" class=\"tick\">bars: {what} per {t.BinName} (left scale) · line: cumulative (right scale)</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A time the log claims, as a calendar date; one outside the calendar (a hostile claim) is said to be.</summary>
    internal static string Time(long ms) => ms is >= 0 and <= (long)Timeline.LatestMs
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : $"{ms} ms since 1970 (outside the calendar)";

    internal static string Time(ulong ms) => ms <= Timeline.LatestMs ? Time((long)ms) : $"{ms} ms since 1970 (outside the calendar)";
}
