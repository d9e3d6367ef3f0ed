#pragma once

#include <span>
#include <string_view>

namespace retorno {

// One row of ISO 3166-1: the alpha-2 code is what retorno stores and exchanges (HTCDS uses it).
struct Country {
    std::string_view alpha2;
    std::string_view alpha3;
    std::string_view name_en;
    std::string_view name_es;
};

// Every officially assigned ISO 3166-1 code, sorted by alpha-2.
std::span<const Country> all_countries();

// Looks up an alpha-2 code; upper case only, as the standard writes it. nullptr when unknown.
const Country* find_country(std::string_view alpha2);

// Looks up an alpha-3 code (upper case), for documents that carry it (passports, ICAO lists).
const Country* find_country_alpha3(std::string_view alpha3);

}  // namespace retorno
