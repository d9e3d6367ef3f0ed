#include "web/child_search.h"

#include <algorithm>
#include <cstdlib>

#include "matching/text_fold.h"

namespace retorno::web {

namespace {

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    auto folded = matching::fold_name(text);
    if (!folded)
        return out;
    for (auto& token : *folded)
        out.push_back(std::move(token.text));
    return out;
}

// 0 when it does not match; otherwise higher is better.
int score(const Case& c, const ChildQuery& query, const std::vector<std::string>& wanted) {
    int points = 0;
    if (!wanted.empty()) {
        auto have =
            words(c.person.first_name + " " + c.person.middle_name + " " + c.person.second_name);
        for (const auto& word : wanted) {
            bool found = std::any_of(have.begin(), have.end(),
                                     [&](const std::string& h) { return h.rfind(word, 0) == 0; });
            if (!found)
                return 0;
            points += 2;
        }
    }
    if (query.birthdate) {
        if (c.person.birthdate) {
            int years = std::abs(static_cast<int>(c.person.birthdate->year()) -
                                 static_cast<int>(query.birthdate->year()));
            if (*c.person.birthdate == *query.birthdate)
                points += 3;
            else if (years > 1)
                return 0;
        }
    }
    if (!query.nationality.empty()) {
        const auto& citizenship = c.person.citizenship;
        bool national = c.origin_country == query.nationality ||
                        std::find(citizenship.begin(), citizenship.end(), query.nationality) !=
                            citizenship.end();
        if (!national)
            return 0;
        points += 1;
    }
    return std::max(points, 1);
}

}  // namespace

Result<std::vector<access::Seen<Case>>> search_children(WebContext& web, const Actor& actor,
                                                        const ChildQuery& query, int limit) {
    std::vector<access::Seen<Case>> out;
    auto wanted = words(query.name);
    if (wanted.empty() && !query.birthdate && query.nationality.empty())
        return out;
    auto& policy = web.security.cases.policy();
    std::vector<std::pair<int, Id>> hits;
    CaseFilter filter;
    filter.limit = 200;
    while (true) {
        auto page = TRY(web.cases.list_cases(filter));
        for (const auto& c : page.cases) {
            auto visibility = TRY(policy.visibility(actor, c));
            if (!visibility)
                continue;
            if (!wanted.empty() && !visibility->categories.contains(access::Category::Identity))
                continue;
            if (int points = score(c, query, wanted); points > 0)
                hits.emplace_back(points, c.id);
        }
        if (page.next.empty())
            break;
        filter.after = page.next;
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [points, id] : hits) {
        (void)points;
        if (static_cast<int>(out.size()) == limit)
            break;
        out.push_back(TRY(web.security.cases.get_case(id, actor)));
    }
    return out;
}

}  // namespace retorno::web
