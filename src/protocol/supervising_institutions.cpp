#include "protocol/supervising_institutions.h"

#include <algorithm>

namespace retorno::protocol {

std::optional<ActingInstitution> supervising_institution(const Task& task) {
    if (task.days_overdue <= 0 || task.supervisor_type.empty() || task.country.empty())
        return std::nullopt;
    return ActingInstitution{task.supervisor_type, task.side, task.country};
}

std::vector<ActingInstitution> supervising_institutions(const CaseState& state) {
    std::vector<ActingInstitution> out;
    for (const auto& task : state.tasks) {
        auto supervising = supervising_institution(task);
        if (supervising && std::find(out.begin(), out.end(), *supervising) == out.end())
            out.push_back(std::move(*supervising));
    }
    return out;
}

}  // namespace retorno::protocol
