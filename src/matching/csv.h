#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace retorno::matching {

// A strict RFC 4180 reader: fields separated by commas, records by LF or CRLF, fields that
// contain commas, quotes or line breaks enclosed in double quotes with inner quotes doubled.
// It refuses, with "origin:line: reason", a quote inside an unquoted field, text after a
// closing quote, a quoted field left open at the end of the file, and text that is not UTF-8.
// A UTF-8 byte-order mark at the start is ignored; so are empty lines, which hold no record.
class CsvReader {
  public:
    CsvReader(std::istream& in, std::string origin);

    // The next record, or nullopt at the end of the input.
    Result<std::optional<std::vector<std::string>>> next();
    // The line on which the record last returned starts (1-based).
    std::size_t line() const { return m_record_line; }
    const std::string& origin() const { return m_origin; }

    // "origin:line: message" as an InvalidInput error.
    Error error_at(std::size_t line, std::string_view message) const;

  private:
    int get();
    int peek();

    std::streambuf* m_in;
    std::string m_origin;
    std::size_t m_line = 1;
    std::size_t m_record_line = 0;
    bool m_started = false;
};

// Writes one CSV record, quoting only the fields that need it.
void write_csv_row(std::ostream& out, const std::vector<std::string_view>& fields);

}  // namespace retorno::matching
