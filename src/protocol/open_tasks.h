#pragma once

#include <span>
#include <vector>

#include "domain/event.h"
#include "domain/open_task.h"
#include "protocol/case_state.h"
#include "protocol/registry.h"

namespace retorno::protocol {

// The open tasks of a case after `history` (every event of the case, in version order), as the
// store keeps them (domain/open_task.h), under the registry's fingerprint.
CaseTasks open_tasks_after(const Definition& definition, std::span<const Event> history,
                           const ProtocolRegistry& registry, Timestamp now);

// A stored task as the engine would give it on `today`: how late it is counts from its due
// date, as protocol/engine.cpp counts it.
Task task_from(const OpenTask& stored, Date today);
// The same, taking the stored task's strings instead of copying them.
Task task_from(OpenTask&& stored, Date today);

}  // namespace retorno::protocol
