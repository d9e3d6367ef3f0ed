#include "matching/csv.h"

#include "matching/text_fold.h"

namespace retorno::matching {

CsvReader::CsvReader(std::istream& in, std::string origin)
    : m_in(in.rdbuf()), m_origin(std::move(origin)) {}

int CsvReader::get() {
    const int c = m_in->sbumpc();
    if (c == '\n')
        ++m_line;
    return c;
}

int CsvReader::peek() {
    return m_in->sgetc();
}

Error CsvReader::error_at(std::size_t line, std::string_view message) const {
    return Error::invalid("", m_origin + ":" + std::to_string(line) + ": " + std::string(message));
}

Result<std::optional<std::vector<std::string>>> CsvReader::next() {
    using Traits = std::char_traits<char>;
    const int eof = Traits::eof();
    if (!m_started) {
        m_started = true;
        if (peek() == 0xEF) {
            // Skip a UTF-8 byte-order mark, which spreadsheet programs like to write.
            const int a = get();
            const int b = get();
            const int c = get();
            if (a != 0xEF || b != 0xBB || c != 0xBF) {
                return fail(error_at(1, "the file starts with bytes that are not UTF-8"));
            }
        }
    }
    // Empty lines carry no record.
    while (peek() == '\n' || peek() == '\r') {
        if (get() == '\r' && peek() != '\n') {
            return fail(error_at(m_line, "a carriage return without a line feed"));
        }
    }
    if (peek() == eof)
        return std::optional<std::vector<std::string>>{};
    m_record_line = m_line;
    std::vector<std::string> fields;
    std::string field;
    while (true) {
        int c = peek();
        if (c == '"') {
            get();
            const std::size_t quote_line = m_line;
            while (true) {
                c = get();
                if (c == eof) {
                    return fail(error_at(quote_line, "a quoted field is never closed"));
                }
                if (c == '"') {
                    if (peek() == '"') {
                        get();
                        field.push_back('"');
                        continue;
                    }
                    break;
                }
                field.push_back(static_cast<char>(c));
            }
            c = peek();
            if (c != ',' && c != '\n' && c != '\r' && c != eof) {
                return fail(error_at(m_line, "text after the closing quote of a field"));
            }
        } else {
            while (true) {
                c = peek();
                if (c == ',' || c == '\n' || c == '\r' || c == eof)
                    break;
                if (c == '"') {
                    return fail(
                        error_at(m_line, "a quote inside a field that does not start with one"));
                }
                field.push_back(static_cast<char>(get()));
            }
        }
        std::size_t bad = 0;
        if (!is_valid_utf8(field, &bad)) {
            return fail(error_at(m_line, "field " + std::to_string(fields.size() + 1) +
                                             " is not valid UTF-8 (byte " +
                                             std::to_string(bad + 1) + ")"));
        }
        fields.push_back(std::move(field));
        field.clear();
        c = get();
        if (c == ',')
            continue;
        if (c == '\r') {
            if (get() != '\n') {
                return fail(error_at(m_line, "a carriage return without a line feed"));
            }
        }
        break;  // '\n', "\r\n" or the end of the input.
    }
    return std::optional<std::vector<std::string>>{std::move(fields)};
}

void write_csv_row(std::ostream& out, const std::vector<std::string_view>& fields) {
    bool first = true;
    for (auto field : fields) {
        if (!first)
            out.put(',');
        first = false;
        if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
            out << field;
            continue;
        }
        out.put('"');
        for (char c : field) {
            if (c == '"')
                out.put('"');
            out.put(c);
        }
        out.put('"');
    }
    out.put('\n');
}

}  // namespace retorno::matching
