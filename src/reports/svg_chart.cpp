#include "reports/svg_chart.h"

#include <algorithm>

#include <fmt/format.h>

namespace retorno::reports {

namespace {

constexpr int kWidth = 720;
constexpr int kLabelWidth = 330;
constexpr int kValueWidth = 50;
constexpr int kBarHeight = 18;
constexpr int kBarGap = 8;
constexpr std::size_t kLabelCharacters = 48;

// A label cut to fit its column, between UTF-8 characters; the table keeps the whole label.
std::string shortened(const std::string& label) {
    std::size_t characters = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
        if ((static_cast<unsigned char>(label[i]) & 0xC0) != 0x80 &&
            ++characters > kLabelCharacters) {
            return label.substr(0, i) + "…";
        }
    }
    return label;
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string render_bar_chart(const BarChart& chart) {
    std::string id = escape_html(chart.id);
    std::string out =
        fmt::format("<figure class=\"chart\" id=\"{}\">\n<figcaption>{}</figcaption>\n", id,
                    escape_html(chart.title));
    if (chart.bars.empty()) {
        out += fmt::format("<p>{}</p>\n</figure>\n", escape_html(chart.empty_text));
        return out;
    }
    double largest = 0;
    for (const auto& bar : chart.bars)
        largest = std::max(largest, bar.value.value_or(0));
    int height = static_cast<int>(chart.bars.size()) * (kBarHeight + kBarGap) + kBarGap;
    int bar_room = kWidth - kLabelWidth - kValueWidth;
    // The SVG repeats the table: it is hidden from screen readers, which read the table.
    out += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" "
        "aria-hidden=\"true\" focusable=\"false\" font-family=\"sans-serif\" font-size=\"12\">\n",
        kWidth, height);
    int y = kBarGap;
    for (const auto& bar : chart.bars) {
        int text_y = y + kBarHeight - 5;
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#222\">{}</text>",
                           kLabelWidth - 8, text_y, escape_html(shortened(bar.label)));
        int length = 0;
        if (bar.value && largest > 0)
            length = std::max(1, static_cast<int>(*bar.value / largest * bar_room));
        if (length > 0) {
            out +=
                fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#1f5f8b\"/>",
                            kLabelWidth, y, length, kBarHeight);
        }
        out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>\n",
                           kLabelWidth + length + 6, text_y, escape_html(bar.display));
        y += kBarHeight + kBarGap;
    }
    out += "</svg>\n";
    out += fmt::format(
        "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th>"
        "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        escape_html(chart.title), escape_html(chart.label_heading),
        escape_html(chart.value_heading));
    for (const auto& bar : chart.bars) {
        out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
                           escape_html(bar.label), escape_html(bar.display));
    }
    out += "</tbody>\n</table>\n";
    if (!chart.note.empty())
        out += fmt::format("<p class=\"chart-note\">{}</p>\n", escape_html(chart.note));
    out += "</figure>\n";
    return out;
}

}  // namespace retorno::reports
