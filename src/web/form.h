#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"

namespace retorno::web {

// The fields of an application/x-www-form-urlencoded body, in order; a name may repeat (a
// multiple select sends one pair per chosen value).
class Form {
  public:
    static Result<Form> parse(const std::string& body);

    // The first value of a field, or "" when absent.
    std::string get(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
    bool has(const std::string& name) const;
    const std::vector<std::pair<std::string, std::string>>& fields() const { return m_fields; }

  private:
    std::vector<std::pair<std::string, std::string>> m_fields;
};

}  // namespace retorno::web
