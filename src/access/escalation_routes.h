#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>

#include "domain/institution.h"

namespace retorno::access {

// Which institution, of the type that a protocol step names as its supervisor, a late task of
// that step is escalated to, as the directory's escalation routes (Institution::parent) say.
//
// A protocol names types, not institutions: "the national committee of the side's country".
// Where a country has two institutions of that type (Honduras's committee, CICESCT, and its
// civil registry, RNP, are both central-government bodies), the type alone would make both a
// party to every late case. The directory says which one the acting institutions answer to:
// an overdue task of an institution type is escalated to the institutions of the supervising
// type that are up the parent chain of an institution of that type in the country. Only when
// the directory names no such route for that type (no parent set, or parents of other types)
// does every institution of the supervising type in the country receive it, as the protocol
// alone says, so that a late task is never escalated to nobody.
class EscalationRoutes {
  public:
    // The routes to `reader` through `directory` (every institution, with its parent). A reader
    // that is not in the directory is reached by nothing.
    EscalationRoutes(std::span<const Institution> directory, std::string_view reader);

    // Whether an overdue task of an institution of `acting_type`, in the reader's country, of a
    // step whose supervisor is the reader's type, is escalated to the reader.
    bool reaches(std::string_view acting_type) const;

  private:
    bool m_known = false;
    // The acting types of the reader's country with an institution of the reader's type, and
    // with the reader itself, up the parent chain of one of their institutions.
    std::set<std::string, std::less<>> m_routed;
    std::set<std::string, std::less<>> m_reached;
};

}  // namespace retorno::access
