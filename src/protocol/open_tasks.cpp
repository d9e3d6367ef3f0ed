#include "protocol/open_tasks.h"

#include "protocol/engine.h"

namespace retorno::protocol {

CaseTasks open_tasks_after(const Definition& definition, std::span<const Event> history,
                           const ProtocolRegistry& registry, Timestamp now) {
    CaseTasks out;
    out.case_version = history.empty() ? 0 : history.back().version;
    out.fingerprint = registry.fingerprint();
    const auto state = derive_state(definition, history, now, registry.calendars());
    const Id case_id = history.empty() ? Id{} : history.front().case_id;
    for (const auto& task : state.tasks) {
        OpenTask stored;
        stored.case_id = case_id;
        stored.step = task.step;
        stored.kind = std::string(to_string(task.kind));
        stored.side = std::string(to_string(task.side));
        stored.country = task.country;
        stored.institution_type = task.institution_type;
        stored.institution_name = task.institution_name;
        stored.supervisor_type = task.supervisor_type;
        stored.due = task.due;
        out.tasks.push_back(std::move(stored));
    }
    return out;
}

Task task_from(const OpenTask& stored, Date today) {
    return task_from(OpenTask(stored), today);
}

Task task_from(OpenTask&& stored, Date today) {
    Task task;
    task.step = std::move(stored.step);
    task.kind = stored.kind == to_string(TaskKind::Decision) ? TaskKind::Decision : TaskKind::Step;
    task.side = stored.side == to_string(Side::Orig) ? Side::Orig : Side::Dest;
    task.country = std::move(stored.country);
    task.institution_type = std::move(stored.institution_type);
    task.institution_name = std::move(stored.institution_name);
    task.supervisor_type = std::move(stored.supervisor_type);
    task.due = stored.due;
    if (task.due) {
        auto late = (std::chrono::sys_days{today} - std::chrono::sys_days{*task.due}).count();
        task.days_overdue = late > 0 ? static_cast<int>(late) : 0;
    }
    return task;
}

}  // namespace retorno::protocol
