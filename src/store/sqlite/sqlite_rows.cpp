#include "store/sqlite/sqlite_rows.h"

#include "store/comma_list.h"

namespace retorno::sqlite {

std::string qualified(std::string_view columns, std::string_view alias) {
    std::string out;
    while (!columns.empty()) {
        auto comma = columns.find(", ");
        auto column = columns.substr(0, comma);
        if (!out.empty())
            out += ", ";
        out.append(alias).append(".").append(column);
        columns.remove_prefix(comma == std::string_view::npos ? columns.size() : comma + 2);
    }
    return out;
}

Result<Timestamp> time_column(const Statement& row, int column) {
    auto parsed = parse_timestamp(row.text_view(column));
    if (!parsed)
        return fail(Error::internal("a stored time could not be read"));
    return *parsed;
}

Result<Institution> institution_from_row(const Statement& row, int first) {
    Institution institution;
    auto id = Id::parse(row.text_view(first));
    if (!id)
        return fail(Error::internal("institution row with an unreadable id"));
    institution.id = *id;
    institution.country = row.text(first + 1);
    institution.type = row.text(first + 2);
    institution.name = row.text(first + 3);
    if (!row.is_null(first + 4))
        institution.parent = Id::parse(row.text_view(first + 4));
    return institution;
}

Result<User> user_from_row(const Statement& row, int first) {
    User user;
    auto id = Id::parse(row.text_view(first));
    auto institution = Id::parse(row.text_view(first + 3));
    if (!id || !institution)
        return fail(Error::internal("user row with an unreadable id"));
    user.id = *id;
    user.username = row.text(first + 1);
    user.display_name = row.text(first + 2);
    user.institution_id = *institution;
    user.roles = split_roles(row.text_view(first + 4));
    user.password_hash = row.text(first + 5);
    user.disabled = row.integer(first + 6) != 0;
    user.language = row.text(first + 7);
    return user;
}

Result<Session> session_from_row(const Statement& row, int first) {
    Session session;
    auto id = Id::parse(row.text_view(first));
    auto user = Id::parse(row.text_view(first + 2));
    if (!id || !user)
        return fail(Error::internal("session row with an unreadable id"));
    session.id = *id;
    session.token_hash = row.text(first + 1);
    session.user_id = *user;
    session.created_at = TRY(time_column(row, first + 3));
    session.last_seen_at = TRY(time_column(row, first + 4));
    session.expires_at = TRY(time_column(row, first + 5));
    if (!row.is_null(first + 6))
        session.revoked_at = TRY(time_column(row, first + 6));
    session.address = row.text(first + 7);
    return session;
}

}  // namespace retorno::sqlite
