#include "matching/name_tables.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/resources.h"
#include "matching/text_fold.h"

namespace retorno::matching {

namespace {

// Calls `row(line_number, columns)` for each line that is neither blank nor a # comment.
template <typename Row>
Status for_each_row(std::string_view text, const std::string& origin, Row row) {
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        ++line_number;
        start = end + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') {
            if (end == text.size())
                break;
            continue;
        }
        std::vector<std::string> columns;
        std::size_t column_start = 0;
        while (true) {
            std::size_t tab = line.find('\t', column_start);
            auto folded = fold_text(line.substr(column_start, tab - column_start));
            if (!folded) {
                return fail(Error::invalid(
                    "", origin + ":" + std::to_string(line_number) + ": not valid UTF-8"));
            }
            columns.push_back(std::move(*folded));
            if (tab == std::string_view::npos)
                break;
            column_start = tab + 1;
        }
        if (auto status = row(line_number, columns); !status) {
            return fail(Error::invalid(
                "", origin + ":" + std::to_string(line_number) + ": " + status.error().message));
        }
        if (end == text.size())
            break;
    }
    return {};
}

Status expect_columns(const std::vector<std::string>& columns, std::size_t count) {
    if (columns.size() != count) {
        return fail(Error::invalid("", "expected " + std::to_string(count) +
                                           " columns separated by tabs, found " +
                                           std::to_string(columns.size())));
    }
    for (const auto& column : columns) {
        if (column.empty())
            return fail(Error::invalid("", "a column is empty"));
    }
    return {};
}

Result<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(Error::make(ErrorCode::Unavailable, "Cannot read " + path.string() + "."));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string word; in >> word;)
        words.push_back(word);
    return words;
}

}  // namespace

Status NameTables::add_nicknames(std::string_view text, const std::string& origin) {
    return for_each_row(text, origin,
                        [this](std::size_t, const std::vector<std::string>& c) -> Status {
                            TRY_STATUS(expect_columns(c, 2));
                            auto& list = m_nicknames[c[0]];
                            if (std::find(list.begin(), list.end(), c[1]) == list.end())
                                list.push_back(c[1]);
                            return Status{};
                        });
}

Status NameTables::add_abbreviations(std::string_view text, const std::string& origin) {
    return for_each_row(
        text, origin, [this](std::size_t, const std::vector<std::string>& c) -> Status {
            TRY_STATUS(expect_columns(c, 3));
            if (c[2] == "given") {
                m_given_abbreviations[c[0]] = c[1];
            } else if (c[2] == "surname") {
                m_surname_abbreviations[c[0]] = c[1];
            } else {
                return Status(
                    fail(Error::invalid("", "the third column must be given or surname")));
            }
            return Status{};
        });
}

Status NameTables::add_particles(std::string_view text, const std::string& origin) {
    TRY_STATUS(for_each_row(
        text, origin, [this](std::size_t, const std::vector<std::string>& c) -> Status {
            TRY_STATUS(expect_columns(c, 2));
            ParticleKind kind;
            if (c[1] == "joiner") {
                kind = ParticleKind::Joiner;
            } else if (c[1] == "married") {
                kind = ParticleKind::Married;
            } else if (c[1] == "title") {
                kind = ParticleKind::Title;
            } else {
                return Status(
                    fail(Error::invalid("", "the kind must be joiner, married or title")));
            }
            m_particles.push_back(Particle{split_words(c[0]), kind});
            return Status{};
        }));
    std::stable_sort(
        m_particles.begin(), m_particles.end(),
        [](const Particle& a, const Particle& b) { return a.words.size() > b.words.size(); });
    return {};
}

Status NameTables::add_frequencies(std::string_view text, const std::string& origin) {
    return for_each_row(
        text, origin, [this](std::size_t, const std::vector<std::string>& c) -> Status {
            TRY_STATUS(expect_columns(c, 3));
            NameFrequencies::Part part;
            if (c[0] == "given") {
                part = NameFrequencies::Part::Given;
            } else if (c[0] == "surname") {
                part = NameFrequencies::Part::Surname;
            } else {
                return Status(
                    fail(Error::invalid("", "the first column must be given or surname")));
            }
            double per_million = 0;
            const char* first = c[2].data();
            const char* last = first + c[2].size();
            auto [end, error] = std::from_chars(first, last, per_million);
            if (error != std::errc{} || end != last || !(per_million > 0) || per_million > 1e6) {
                return Status(
                    fail(Error::invalid("", "the share must be a number of people per million")));
            }
            m_frequencies.add(part, c[1], per_million);
            return Status{};
        });
}

Result<std::shared_ptr<const NameTables>> NameTables::from_text(std::string_view nicknames,
                                                                std::string_view abbreviations,
                                                                std::string_view particles,
                                                                std::string_view name_frequencies) {
    auto tables = std::make_shared<NameTables>();
    TRY_STATUS(tables->add_nicknames(nicknames, "nicknames.tsv"));
    TRY_STATUS(tables->add_abbreviations(abbreviations, "abbreviations.tsv"));
    TRY_STATUS(tables->add_particles(particles, "particles.tsv"));
    TRY_STATUS(tables->add_frequencies(name_frequencies, "name_frequencies.tsv"));
    return std::shared_ptr<const NameTables>(std::move(tables));
}

Result<std::shared_ptr<const NameTables>> NameTables::load(const std::filesystem::path& folder) {
    auto tables = std::make_shared<NameTables>();
    const auto nick_path = folder / "nicknames.tsv";
    const auto abbr_path = folder / "abbreviations.tsv";
    const auto part_path = folder / "particles.tsv";
    const auto freq_path = folder / "name_frequencies.tsv";
    TRY_STATUS(tables->add_nicknames(TRY(read_file(nick_path)), nick_path.string()));
    TRY_STATUS(tables->add_abbreviations(TRY(read_file(abbr_path)), abbr_path.string()));
    TRY_STATUS(tables->add_particles(TRY(read_file(part_path)), part_path.string()));
    TRY_STATUS(tables->add_frequencies(TRY(read_file(freq_path)), freq_path.string()));
    return std::shared_ptr<const NameTables>(std::move(tables));
}

Result<std::shared_ptr<const NameTables>> NameTables::standard() {
    static std::mutex mutex;
    static std::shared_ptr<const NameTables> cached;
    std::lock_guard lock(mutex);
    if (!cached) {
        cached = TRY(load(resource_root() / "matching"));
    }
    return cached;
}

const std::vector<std::string>* NameTables::nickname_expansions(std::string_view word) const {
    auto it = m_nicknames.find(std::string(word));
    return it == m_nicknames.end() ? nullptr : &it->second;
}

const std::string* NameTables::abbreviation(std::string_view word, NamePart part) const {
    const auto& map = part == NamePart::Given ? m_given_abbreviations : m_surname_abbreviations;
    auto it = map.find(std::string(word));
    return it == map.end() ? nullptr : &it->second;
}

std::optional<ParticleMatch> NameTables::particle_at(const std::vector<std::string>& words,
                                                     std::size_t position) const {
    for (const auto& particle : m_particles) {
        if (position + particle.words.size() > words.size())
            continue;
        if (std::equal(particle.words.begin(), particle.words.end(),
                       words.begin() + static_cast<std::ptrdiff_t>(position))) {
            return ParticleMatch{particle.kind, particle.words.size()};
        }
    }
    return std::nullopt;
}

}  // namespace retorno::matching
