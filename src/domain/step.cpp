#include "domain/step.h"

#include <algorithm>
#include <array>

namespace retorno {

namespace {

constexpr std::array<std::string_view, 15> kSteps{"identification",
                                                  "immediate_protection",
                                                  "interview",
                                                  "protection_screening",
                                                  "consular_notification",
                                                  "identity_verification",
                                                  "risk_assessment",
                                                  "family_assessment",
                                                  "best_interests_determination",
                                                  "pre_departure",
                                                  "escorted_transfer",
                                                  "handover",
                                                  "reintegration_plan",
                                                  "follow_up",
                                                  "closure"};

}  // namespace

std::span<const std::string_view> baseline_steps() {
    return kSteps;
}

bool is_baseline_step(std::string_view step) {
    return std::find(kSteps.begin(), kSteps.end(), step) != kSteps.end();
}

}  // namespace retorno
