#pragma once

#include <optional>
#include <string>
#include <vector>

namespace retorno::reports {

// One bar: its label, its value (nullopt when suppressed: no bar is drawn) and the text shown
// for it ("12", "<5", "18.5").
struct Bar {
    std::string label;
    std::optional<double> value;
    std::string display;
};

struct BarChart {
    std::string id;  // unique in the page: "open-by-step"
    std::string title;
    std::string label_heading;  // the table's first column
    std::string value_heading;  // the table's second column
    std::vector<Bar> bars;
    std::string note;        // under the chart: what "<5" means
    std::string empty_text;  // shown instead of a chart without bars
};

// A horizontal bar chart drawn by the server as inline SVG (no chart library, no script), in
// a <figure> with its data as a <table> beside it for screen readers and for printing. The
// SVG scales to its container and uses system fonts; every text is HTML-escaped.
std::string render_bar_chart(const BarChart& chart);

// Escapes &, <, >, " and ' for HTML text and attributes.
std::string escape_html(std::string_view text);

}  // namespace retorno::reports
