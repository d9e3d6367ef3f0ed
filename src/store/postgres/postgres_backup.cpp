#include "store/postgres/postgres_backup.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <boost/json.hpp>

#include "core/id.h"
#include "core/partial_path.h"
#include "core/whole_number.h"
#include "store/case_document.h"
#include "store/postgres/pg_tools.h"
#include "store/postgres/postgres_rows.h"
#include "store/postgres/postgres_url.h"
#include "store/sealed_fields.h"

namespace retorno::postgres {

namespace {

// The schema is never restored from an archive: the target's migrations made it, and the
// archive's schema_migrations rows are only read, to refuse an archive newer than the target.
constexpr std::string_view kSchemaTable = "schema_migrations";

// One field of PostgreSQL's COPY text format, unescaped; nullopt for \N.
std::optional<std::string> copy_field(std::string_view raw) {
    if (raw == "\\N")
        return std::nullopt;
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\' || i + 1 == raw.size()) {
            out += raw[i];
            continue;
        }
        char c = raw[++i];
        switch (c) {
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'v':
                out += '\v';
                break;
            case 'x': {
                int value = 0;
                std::size_t digits = 0;
                while (digits < 2 && i + 1 < raw.size() &&
                       std::isxdigit(static_cast<unsigned char>(raw[i + 1]))) {
                    value = value * 16 + std::stoi(std::string(1, raw[++i]), nullptr, 16);
                    ++digits;
                }
                out += static_cast<char>(value);
                break;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int value = c - '0';
                    for (int k = 0;
                         k < 2 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7'; ++k)
                        value = value * 8 + (raw[++i] - '0');
                    out += static_cast<char>(value);
                } else {
                    out += c;
                }
        }
    }
    return out;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    for (;;) {
        auto tab = line.find('\t');
        fields.push_back(line.substr(0, tab));
        if (tab == std::string_view::npos)
            return fields;
        line.remove_prefix(tab + 1);
    }
}

// "2026-03-01 10:00:00.123+00" (timestamptz as pg_dump writes it) into a Timestamp.
std::optional<Timestamp> copy_timestamp(std::string text) {
    if (text.size() > 10 && text[10] == ' ')
        text[10] = 'T';
    auto sign = text.find_last_of("+-");
    if (sign != std::string::npos && sign > 10 && text.size() - sign == 3)
        text += ":00";
    return parse_timestamp(text);
}

// `COPY public.events (seq, id, ...) FROM stdin;` into the table name and its columns.
bool parse_copy_header(std::string_view line, std::string& table,
                       std::vector<std::string>& columns) {
    if (!line.starts_with("COPY "))
        return false;
    auto open = line.find('(');
    auto close = line.find(')');
    if (open == std::string_view::npos || close == std::string_view::npos)
        return false;
    std::string_view name = line.substr(5, open - 5);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (auto dot = name.find('.'); dot != std::string_view::npos)
        name.remove_prefix(dot + 1);
    table = std::string(name);
    columns.clear();
    std::string_view list = line.substr(open + 1, close - open - 1);
    for (;;) {
        auto comma = list.find(',');
        std::string_view column = list.substr(0, comma);
        while (!column.empty() && column.front() == ' ')
            column.remove_prefix(1);
        columns.emplace_back(column);
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return true;
}

Error archive_unreadable(std::string detail) {
    return Error::make(ErrorCode::InvalidInput,
                       "The backup archive cannot be read: it is damaged or was changed after it "
                       "was written. Nothing was restored; use another backup.",
                       std::move(detail));
}

// pg_restore is installed and the file starts as an archive of pg_dump's, so when pg_restore
// exits with an error (with what it said, if anything) it could not read the archive: damage
// to the file, refused as input (exit status 1), not a fault of the environment. A missing
// pg_restore, or an error of our own, passes unchanged.
Status damage_if_pg_restore_stopped(Status ran) {
    if (!ran && tool_exited_with_error(ran.error(), "pg_restore")) {
        return fail(archive_unreadable(ran.error().detail.empty()
                                           ? "pg_restore stopped without saying why"
                                           : ran.error().detail));
    }
    return ran;
}

// The rows of the archive, checked as they pass to the server.
class ArchiveCheck {
  public:
    explicit ArchiveCheck(FieldCipher* cipher) : m_cipher(cipher) {}

    Status row(const std::string& table, const std::vector<std::string>& columns,
               std::string_view line) {
        auto raw = split_tabs(line);
        if (raw.size() != columns.size())
            return fail(
                archive_unreadable("a row of " + table + " has the wrong number of fields"));
        std::map<std::string, std::optional<std::string>, std::less<>> field;
        for (std::size_t i = 0; i < raw.size(); ++i)
            field[columns[i]] = copy_field(raw[i]);
        auto text = [&](const char* name) { return field[name].value_or(""); };
        if (table == "schema_migrations") {
            auto version = whole_number<std::int64_t>(text("version"));
            if (!version)
                return fail(archive_unreadable("a row of schema_migrations has no version"));
            m_schema_version = std::max(m_schema_version, static_cast<int>(*version));
        } else if (table == "cases") {
            auto c = case_from_document(text("document"), m_cipher);
            if (!c && text("document").find("\"enc1:") != std::string::npos)
                return fail(sealed_field_refused(c.error().detail));
            if (!c)
                return fail(archive_unreadable("unreadable case document"));
            m_check.add_case(c->id.to_string(), c->version, c->last_hash);
            ++m_counts[table];
        } else if (table == "events") {
            Event event;
            auto id = Id::parse(text("id"));
            auto case_id = Id::parse(text("case_id"));
            auto kind = parse_event_kind(text("kind"));
            auto recorded_at = copy_timestamp(text("recorded_at"));
            boost::system::error_code ec;
            auto data = boost::json::parse(text("data"), ec);
            auto version = whole_number<std::int64_t>(text("version"));
            if (!id || !case_id || !kind || !recorded_at || ec || !data.is_object() || !version)
                return fail(archive_unreadable("an event row cannot be read"));
            event.id = *id;
            event.case_id = *case_id;
            event.version = *version;
            event.kind = *kind;
            event.step = text("step");
            event.data = std::move(data.get_object());
            // Hashes cover the plaintext: verifying needs the key file of the deployment.
            if (auto opened = open_event_data(event.data, event.case_id, event.id, m_cipher);
                !opened) {
                return fail(sealed_field_refused(opened.error().detail));
            }
            event.actor_user = text("actor_user");
            event.actor_institution = text("actor_institution");
            event.recorded_at = *recorded_at;
            event.previous_hash = text("previous_hash");
            event.hash = text("hash");
            m_check.add_event(event);
            ++m_counts[table];
        } else {
            ++m_counts[table];
        }
        return {};
    }

    int schema_version() const { return m_schema_version; }
    std::int64_t count(const std::string& table) const {
        auto it = m_counts.find(table);
        return it == m_counts.end() ? 0 : it->second;
    }
    Result<ChainReport> finish() const { return m_check.finish(); }

  private:
    FieldCipher* m_cipher;
    ChainCheck m_check;
    std::map<std::string, std::int64_t, std::less<>> m_counts;
    int m_schema_version = 0;
};

// A libpq connection for the restore's single transaction. libpq rather than libpqxx because
// the archive's rows are passed on verbatim with COPY FROM STDIN.
class Session {
  public:
    explicit Session(PGconn* connection) : m_connection(connection) {}
    ~Session() { PQfinish(m_connection); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Result<std::string> scalar(const std::string& sql) {
        std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(m_connection, sql.c_str()),
                                                             &PQclear);
        auto status = PQresultStatus(result.get());
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            return fail(error());
        if (status == PGRES_TUPLES_OK && PQntuples(result.get()) > 0)
            return std::string(PQgetvalue(result.get(), 0, 0));
        return std::string();
    }
    Status copy_in(const std::string& header) {
        std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(m_connection, header.c_str()),
                                                             &PQclear);
        if (PQresultStatus(result.get()) != PGRES_COPY_IN)
            return fail(error());
        return {};
    }
    Status copy_row(std::string_view line) {
        std::string row(line);
        row += '\n';
        if (PQputCopyData(m_connection, row.data(), static_cast<int>(row.size())) != 1)
            return fail(error());
        return {};
    }
    Status copy_end() {
        if (PQputCopyEnd(m_connection, nullptr) != 1)
            return fail(error());
        std::unique_ptr<PGresult, decltype(&PQclear)> result(PQgetResult(m_connection), &PQclear);
        bool ok = PQresultStatus(result.get()) == PGRES_COMMAND_OK;
        std::string message = ok ? "" : PQresultErrorMessage(result.get());
        while (PGresult* rest = PQgetResult(m_connection))
            PQclear(rest);
        if (!ok)
            return fail(Error::make(ErrorCode::InvalidInput,
                                    "The database refused the backup's rows; nothing was restored.",
                                    message));
        return {};
    }
    Error error() const {
        bool down = PQstatus(m_connection) != CONNECTION_OK;
        return Error::make(down ? ErrorCode::Unavailable : ErrorCode::InvalidInput,
                           down ? "The database cannot be reached; nothing was restored."
                                : "The database refused the restore; nothing was restored.",
                           PQerrorMessage(m_connection));
    }

  private:
    PGconn* m_connection;
};

}  // namespace

bool is_pg_dump_archive(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[5] = {};
    in.read(magic, sizeof magic);
    return in && std::string_view(magic, 5) == "PGDMP";
}

Status pg_dump_backup(const std::string& url, const std::filesystem::path& to) {
    std::error_code ec;
    if (std::filesystem::exists(to, ec)) {
        return fail(
            Error::make(ErrorCode::InvalidInput,
                        "'" + to.string() + "' exists already; a backup never overwrites."));
    }
    auto connection = TRY(tool_connection(url));
    auto partial = partial_path(to);
    auto dumped =
        run_tool(pg_tool("pg_dump"),
                 {"--format=custom", "--file=" + partial.string(), "--dbname=" + connection.dbname},
                 {"PGPASSWORD=" + connection.password, "PGTZ=UTC"});
    if (!dumped) {
        std::filesystem::remove(partial, ec);
        return dumped;
    }
    std::filesystem::rename(partial, to, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        return fail(Error::make(ErrorCode::Unavailable,
                                "The backup cannot be written to '" + to.string() + "'.",
                                ec.message()));
    }
    return {};
}

Result<ChainReport> pg_restore_backup(const std::string& url, const std::filesystem::path& from,
                                      FieldCipher* cipher) {
    if (!is_pg_dump_archive(from)) {
        return fail(Error::make(
            ErrorCode::InvalidInput,
            "'" + from.string() + "' is not a PostgreSQL backup made by `retorno backup`."));
    }
    // The archive's table of contents, reduced to table data and sequence values. Every table
    // with data is restored, in the archive's order (pg_dump sorts it by foreign keys), so a
    // table that a later migration adds is backed up and restored without a change here.
    std::string list;
    std::vector<std::string> tables;
    TRY_STATUS(damage_if_pg_restore_stopped(run_tool(
        pg_tool("pg_restore"), {"--list", from.string()}, {}, [&](std::string_view line) -> Status {
            if (line.starts_with(";"))
                return {};
            constexpr std::string_view kData = " TABLE DATA public ";
            auto data = line.find(kData);
            bool sequence = line.find(" SEQUENCE SET public ") != std::string_view::npos;
            if (data != std::string_view::npos) {
                auto name = line.substr(data + kData.size());
                name = name.substr(0, name.find(' '));
                if (name != kSchemaTable)
                    tables.emplace_back(name);
            }
            if (data != std::string_view::npos || sequence)
                list += std::string(line) + "\n";
            return {};
        })));
    if (std::find(tables.begin(), tables.end(), "events") == tables.end())
        return fail(archive_unreadable("the archive holds no event log"));

    char list_template[] = "/tmp/retorno-restore-list.XXXXXX";
    int list_fd = ::mkstemp(list_template);
    if (list_fd < 0)
        return fail(Error::internal("mkstemp failed"));
    std::filesystem::path list_file = list_template;
    ::close(list_fd);
    std::ofstream(list_file) << list;
    struct RemoveList {
        std::filesystem::path file;
        ~RemoveList() {
            std::error_code ec;
            std::filesystem::remove(file, ec);
        }
    } remove_list{list_file};

    auto settings = TRY(parse_connection_settings(url));
    Session session(PQconnectdb(settings.conninfo.c_str()));
    {
        auto opened = session.scalar("SELECT 1");
        if (!opened)
            return fail(Error::make(ErrorCode::Unavailable, "The database cannot be reached.",
                                    opened.error().detail));
    }
    // Leaving this function before COMMIT closes the session, which rolls everything back.
    TRY(session.scalar("BEGIN"));
    TRY(session.scalar("SET LOCAL synchronous_commit = on"));
    // Nobody writes while the restore runs, and a restore never merges into data.
    std::string joined;
    std::string any_rows;
    for (const auto& name : tables) {
        joined += (joined.empty() ? "" : ", ") + name;
        any_rows +=
            (any_rows.empty() ? "SELECT " : " OR ") + ("EXISTS (SELECT 1 FROM " + name + ")");
    }
    if (auto locked = session.scalar("LOCK TABLE " + joined + " IN EXCLUSIVE MODE"); !locked) {
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The target database lacks tables that the backup holds; restore "
                                "it with the release that made it.",
                                locked.error().detail));
    }
    if (TRY(session.scalar(any_rows)) != "f") {
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The target store is not empty; a restore never merges into "
                                "existing data. Restore into a new, empty database."));
    }
    int target_schema = std::stoi(
        TRY(session.scalar("SELECT coalesce(max(version), 0) FROM " + std::string(kSchemaTable))));

    ArchiveCheck check(cipher);
    std::string table;
    std::vector<std::string> columns;
    enum class Block { None, Import, ReadOnly } block = Block::None;
    auto streamed =
        run_tool(pg_tool("pg_restore"),
                 {"--data-only", "--use-list=" + list_file.string(), "--file=-", from.string()}, {},
                 [&](std::string_view line) -> Status {
                     if (block != Block::None) {
                         if (line == "\\.") {
                             if (block == Block::Import)
                                 TRY_STATUS(session.copy_end());
                             block = Block::None;
                             return {};
                         }
                         TRY_STATUS(check.row(table, columns, line));
                         if (block == Block::Import)
                             TRY_STATUS(session.copy_row(line));
                         return {};
                     }
                     if (parse_copy_header(line, table, columns)) {
                         block = table == kSchemaTable ? Block::ReadOnly : Block::Import;
                         if (block == Block::Import)
                             return session.copy_in(std::string(line));
                         return {};
                     }
                     if (line.starts_with("SELECT pg_catalog.setval("))
                         TRY(session.scalar(std::string(line)));
                     return {};
                 });
    TRY_STATUS(damage_if_pg_restore_stopped(std::move(streamed)));
    if (check.schema_version() > target_schema) {
        return fail(Error::make(
            ErrorCode::InvalidInput,
            fmt::format(
                "The backup was made with a newer schema (version {}) than this database has "
                "(version {}); restore it with the newer retorno.",
                check.schema_version(), target_schema)));
    }
    auto report = TRY(check.finish());
    for (const auto& name : tables) {
        auto restored = std::stoll(TRY(session.scalar("SELECT count(*) FROM " + name)));
        if (restored != check.count(name)) {
            return fail(
                Error::make(ErrorCode::Internal,
                            "The restored data does not match the backup; nothing was restored.",
                            fmt::format("{}: {} rows in the backup, {} restored", name,
                                        check.count(name), restored)));
        }
    }
    TRY(session.scalar("COMMIT"));
    // The planner's statistics of the restored tables now, not when autovacuum gets to them:
    // until then it guesses their sizes, and a case list took seventeen times as long
    // (docs/performance.md). Only the tables' owner may analyze them; a restore by another role
    // gets a warning from PostgreSQL and leaves it to autovacuum.
    (void)session.scalar("ANALYZE " + joined);
    return report;
}

}  // namespace retorno::postgres
