#pragma once

#include <string>

#include "protocol/definition.h"

namespace retorno::protocol {

// A readable outline of a definition for a coordinator, in Spanish or English: steps in order
// with who acts, deadlines, fields, guards and decisions.
std::string outline(const Definition& definition, Language language);

// A Graphviz flowchart: one cluster per parallel lane, arrows for step order, a diamond per
// decision with an arrow per outcome, dashed arrows for holds.
std::string to_dot(const Definition& definition, Language language);

}  // namespace retorno::protocol
