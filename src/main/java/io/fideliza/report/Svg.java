package io.fideliza.report;

import java.util.Locale;

/**
 * Writes one SVG chart inlined in HTML (so no namespace URL): rectangles, lines and text, every text escaped;
 * no scripts, no links.
 */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    Svg(int width, int height, String title) {
        out.append(String.format(Locale.ROOT, "<svg class=\"chart\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                width, height, width, height, Html.escape(title)));
        out.append("<title>").append(Html.escape(title)).append("</title>");
    }

    /** A filled rectangle; the tooltip shows on hover in a browser (may be null). */
    Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        return rect(x, y, w, h, fill, null, tooltip);
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke, String tooltip) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                + "rx=\"3\" fill=\"%s\"", x, y, Math.max(0, w), Math.max(0, h), fill));
        if (stroke != null) {
            out.append(" stroke=\"").append(stroke).append("\" stroke-width=\"2\"");
        }
        if (tooltip == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(Html.escape(tooltip)).append("</title></rect>");
        }
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke) {
        out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                x1, y1, x2, y2, stroke));
        return this;
    }

    /**
     * Text at (x, y), y being the baseline; anchor is start, middle or end; cssClass one of the page's
     * chart text styles (may be null). Longer than maxChars, it is cut with an ellipsis.
     */
    Svg text(double x, double y, String text, String anchor, String cssClass, int maxChars) {
        String shown = text.length() > maxChars ? text.substring(0, Math.max(1, maxChars - 1)) + "…" : text;
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"", x, y, anchor));
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append('>').append(Html.escape(shown));
        if (!shown.equals(text)) {
            out.append("<title>").append(Html.escape(text)).append("</title>");
        }
        out.append("</text>");
        return this;
    }

    Svg text(double x, double y, String text, String anchor, String cssClass) {
        return text(x, y, text, anchor, cssClass, 200);
    }

    String close() {
        return out.append("</svg>").toString();
    }
}
