#include "protocol/acting_institutions.h"

#include <algorithm>

namespace retorno::protocol {

std::vector<ActingInstitution> acting_institutions(const CaseState& state) {
    std::vector<ActingInstitution> out;
    for (const auto& step : state.steps) {
        const bool come = step.status == StepStatus::Open ||
                          step.status == StepStatus::DecisionPending || step.times_done > 0;
        if (!come || step.institution_type.empty())
            continue;
        ActingInstitution acting{
            step.institution_type, step.side,
            step.side == Side::Dest ? state.destination_country : state.origin_country};
        if (std::find(out.begin(), out.end(), acting) == out.end())
            out.push_back(std::move(acting));
    }
    return out;
}

}  // namespace retorno::protocol
