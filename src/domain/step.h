#pragma once

#include <span>
#include <string_view>

namespace retorno {

// The public step vocabulary of the regional baseline protocol, in protocol order. The API and
// other systems use exactly these ids; country variants may add steps of their own.
std::span<const std::string_view> baseline_steps();
bool is_baseline_step(std::string_view step);

}  // namespace retorno
