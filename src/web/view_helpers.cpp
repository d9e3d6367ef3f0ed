#include "web/view_helpers.h"

#include <fmt/format.h>

namespace retorno::web {

Data option(const std::string& value, const std::string& label, bool selected) {
    Data out{Data::type::object};
    out.set("value", value);
    out.set("label", label);
    out.set("selected", selected);
    return out;
}

std::string country_name(WebContext& web, const Page& page, const std::string& code) {
    const auto& bundle = web.locales.strings(page.lang);
    auto it = bundle.find("country." + code);
    return it == bundle.end() ? code : it->second;
}

std::string step_title(WebContext& web, const Page& page, const std::string& step) {
    if (const auto* regional = web.protocols.latest("regional")) {
        if (const auto* def = regional->step(step))
            return def->title.in(protocol_language(page.lang));
    }
    return step;
}

std::string child_label(WebContext& web, const Page& page, const access::Seen<Case>& seen) {
    const auto& person = seen.value.person;
    if (seen.visibility.categories.contains(access::Category::Identity)) {
        auto name = person.first_name;
        if (!person.second_name.empty())
            name += " " + person.second_name;
        if (!name.empty())
            return name;
    }
    return web.locales.text(page.lang, "case.reference") + " " +
           seen.value.id.to_string().substr(seen.value.id.to_string().size() - 8);
}

Data task_row(WebContext& web, const Page& page, const InboxRow& shown, Date today) {
    (void)today;
    const auto lang = protocol_language(page.lang);
    const auto& item = *shown.item;
    Data row{Data::type::object};
    const auto& c = shown.seen.value;
    row.set("case_id", c.id.to_string());
    row.set("child", child_label(web, page, shown.seen));
    row.set("route", fmt::format("{} → {}", country_name(web, page, c.destination_country),
                                 country_name(web, page, c.origin_country)));
    row.set("step", shown.step ? shown.step->title.in(lang) : item.task.step);
    row.set("is_decision", item.task.kind == protocol::TaskKind::Decision);
    // What the task needs: the decision to take, or the required fields of the step.
    std::string needs;
    if (shown.step != nullptr) {
        if (item.task.kind == protocol::TaskKind::Decision && shown.step->decision) {
            needs = shown.step->decision->title.in(lang);
        } else {
            for (const auto& field : shown.step->fields) {
                if (!field.required)
                    continue;
                if (!needs.empty())
                    needs += ", ";
                needs += field.label.in(lang).empty() ? field.name : field.label.in(lang);
            }
        }
    }
    row.set("needs", needs);
    if (item.task.due) {
        row.set("due", web.locales.date(page.lang, *item.task.due));
        row.set("due_iso", format_date(*item.task.due));
    }
    if (item.task.days_overdue > 0) {
        row.set("overdue", true);
        row.set("days_overdue", Locales::number(page.lang, item.task.days_overdue));
    }
    if (item.escalated) {
        // Whose task it is: the name a country variant gives the institution, or its type.
        const auto& named = item.task.institution_name;
        row.set("escalated_from",
                fmt::format("{} ({})",
                            named.empty() ? web.locales.label(page.lang, item.task.institution_type)
                                          : named,
                            country_name(web, page, item.task.country)));
    }
    return row;
}

std::string url_component(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

}  // namespace retorno::web
