#include "core/iso_country.h"

#include <algorithm>
#include <array>

namespace retorno {

namespace {

// FIXME: only the region so far; the full ISO 3166-1 table replaces this list.
constexpr std::array kCountries{
    Country{"BZ", "BLZ", "Belize", "Belice"},
    Country{"CA", "CAN", "Canada", "Canadá"},
    Country{"CR", "CRI", "Costa Rica", "Costa Rica"},
    Country{"DO", "DOM", "Dominican Republic", "República Dominicana"},
    Country{"GT", "GTM", "Guatemala", "Guatemala"},
    Country{"HN", "HND", "Honduras", "Honduras"},
    Country{"MX", "MEX", "Mexico", "México"},
    Country{"NI", "NIC", "Nicaragua", "Nicaragua"},
    Country{"PA", "PAN", "Panama", "Panamá"},
    Country{"SV", "SLV", "El Salvador", "El Salvador"},
    Country{"US", "USA", "United States of America", "Estados Unidos de América"},
};

}  // namespace

std::span<const Country> all_countries() { return kCountries; }

const Country* find_country(std::string_view alpha2) {
    auto it = std::lower_bound(kCountries.begin(), kCountries.end(), alpha2,
                               [](const Country& c, std::string_view code) { return c.alpha2 < code; });
    if (it == kCountries.end() || it->alpha2 != alpha2) return nullptr;
    return &*it;
}

}  // namespace retorno
