#include <boost/json.hpp>

#include "documents/document_builders.h"

namespace retorno::documents {

namespace json = boost::json;

namespace {

// The rows of one record: the definition's fields in their order, then the decision.
void add_record_rows(Section& section, const CaseFile& file, const Formatter& format,
                     const protocol::StepDef& step) {
    const auto* record = file.step(step.id);
    for (const auto& field : step.fields) {
        const auto* value = record->data.if_contains(field.name);
        if (value == nullptr || value->is_null())
            continue;
        auto text = format.value(*value);
        if (!text.empty())
            section.rows.push_back(Row{format.field_label(field.name, &field.label), text});
    }
    const auto* decision = file.decision(step.id);
    if (decision == nullptr || !step.decision)
        return;
    if (const auto* outcome = decision->data.if_contains("decision");
        outcome && outcome->is_string()) {
        section.rows.push_back(Row{format.text("summary.decision") + " (" + step.decision->id + ")",
                                   outcome_title(file, format, step.id, outcome->get_string())});
    }
    for (const auto& field : step.decision->fields) {
        const auto* value = decision->data.if_contains(field.name);
        if (value == nullptr || value->is_null())
            continue;
        auto text = format.value(*value);
        if (!text.empty())
            section.rows.push_back(Row{format.field_label(field.name, &field.label), text});
    }
}

}  // namespace

// What the authority deciding the child's best interests (step 9, decision D2) needs on paper:
// the child, the trafficking situation, and what each earlier step found, with the child's own
// view, as far as the role of whoever prints it may see.
Document case_summary(const CaseFile& file, const Formatter& format, const IssueInfo& issue) {
    auto document = document_frame(file, format, issue, "summary.title", "summary.footer");
    const auto& definition = file.definition();

    int done = 0;
    for (const auto& step : definition.steps)
        done += file.step(step.id) != nullptr ? 1 : 0;
    Section overview;
    overview.heading = format.text("summary.case");
    overview.paragraphs.push_back(format.text("summary.intro"));
    overview.rows = {
        {format.text("summary.status"), format.text("status." + file.status())},
        {format.text("summary.destination_country"), format.country(file.destination_country())},
        {format.text("summary.origin_country"), format.country(file.origin_country())},
        {format.text("summary.opened"), format.date(date_of(file.opened_at()))},
        // The identification step is done when the case is opened.
        {format.text("summary.steps_done"),
         std::to_string(done + 1) + " / " + std::to_string(definition.steps.size())},
    };
    document.sections.push_back(std::move(overview));
    document.sections.push_back(child_section(file, format));

    Section victim;
    victim.heading = format.text("summary.victim");
    for (const auto& [key, value] : file.victim()) {
        auto text = format.value(value);
        if (!text.empty())
            victim.rows.push_back(Row{format.field_label(key), text});
    }
    if (!victim.rows.empty())
        document.sections.push_back(std::move(victim));

    // Every step up to the determination itself, in protocol order.
    for (const auto& step : definition.steps) {
        if (step.id == definition.start)
            continue;
        const auto* record = file.step(step.id);
        if (record != nullptr) {
            Section section;
            section.heading = step.title.in(format.language());
            section.paragraphs.push_back(
                format.fill("summary.recorded", {{"date", format.date(date_of(record->at))}}));
            add_record_rows(section, file, format, step);
            document.sections.push_back(std::move(section));
        } else if (step.id == "best_interests_determination") {
            Section section;
            section.heading = step.title.in(format.language());
            section.paragraphs.push_back(format.text("summary.not_recorded"));
            document.sections.push_back(std::move(section));
        }
        if (step.id == "best_interests_determination")
            break;
    }

    Section alternatives;
    alternatives.heading = format.text("summary.alternatives");
    alternatives.paragraphs.push_back(format.text("summary.alternatives_intro"));
    for (const auto& branch : definition.branches)
        alternatives.paragraphs.push_back("• " + branch.title.in(format.language()));
    document.sections.push_back(std::move(alternatives));

    document.signatures = {{format.text("summary.sign_authority"), "", ""}};
    return document;
}

}  // namespace retorno::documents
