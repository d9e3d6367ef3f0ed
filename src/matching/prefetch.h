#pragma once

#include <cstddef>

#include "matching/person_record.h"

namespace retorno::matching {

// Hints to the processor to fetch what a comparison will read a little later. A batch or a
// query knows the people it will compare next, and waiting for their memory, scattered over a
// register of a million, was most of the time of both. Only hints: nothing is read through
// them, and fetching the wrong thing costs nothing but a little bandwidth.

inline constexpr std::size_t kCacheLine = 64;

// A person's fields (the struct itself, not its texts): needs only the address.
inline void prefetch_fields(const PreparedPerson& person) {
    const auto* at = reinterpret_cast<const char*>(&person);
    for (std::size_t offset = 0; offset < sizeof(PreparedPerson); offset += kCacheLine)
        __builtin_prefetch(at + offset);
}

// A person's texts, which are one string from the id on; reads the fields to find them, so
// best asked for a little after prefetch_fields.
inline void prefetch_texts(const PreparedPerson& person) {
    const char* begin = person.id().data();
    const char* end = person.birth_place().data() + person.birth_place().size();
    for (const char* at = begin; at < end; at += kCacheLine)
        __builtin_prefetch(at);
}

}  // namespace retorno::matching
