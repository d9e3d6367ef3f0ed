#include "store/postgres/postgres_rows.h"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "store/comma_list.h"
#include "store/sealed_fields.h"

namespace retorno::postgres {

namespace json = boost::json;

namespace {

std::string_view text(const pqxx::field& field) {
    return field.is_null() ? std::string_view{} : std::string_view(field.c_str(), field.size());
}

}  // namespace

Result<Event> event_from_row(const pqxx::row& row, FieldCipher* cipher) {
    Event event;
    auto id = Id::parse(text(row[0]));
    auto case_id = Id::parse(text(row[1]));
    auto kind = parse_event_kind(text(row[3]));
    auto recorded_at = parse_timestamp(text(row[8]));
    if (!id || !case_id || !kind || !recorded_at) {
        return fail(Error::internal("event row with an unreadable id, kind or time"));
    }
    event.id = *id;
    event.case_id = *case_id;
    event.version = row[2].as<std::int64_t>();
    event.kind = *kind;
    event.step = text(row[4]);
    boost::system::error_code ec;
    auto data = json::parse(text(row[5]), ec);
    if (ec || !data.is_object())
        return fail(Error::internal("event row with unreadable data"));
    event.data = std::move(data.get_object());
    TRY_STATUS(open_event_data(event.data, event.case_id, event.id, cipher));
    event.actor_user = text(row[6]);
    event.actor_institution = text(row[7]);
    event.recorded_at = *recorded_at;
    event.previous_hash = text(row[9]);
    event.hash = text(row[10]);
    return event;
}

Result<Institution> institution_from_row(const pqxx::row& row, int first) {
    Institution institution;
    auto id = Id::parse(text(row[first]));
    if (!id)
        return fail(Error::internal("institution row with an unreadable id"));
    institution.id = *id;
    institution.country = text(row[first + 1]);
    institution.type = text(row[first + 2]);
    institution.name = text(row[first + 3]);
    if (!row[first + 4].is_null())
        institution.parent = Id::parse(text(row[first + 4]));
    return institution;
}

Result<User> user_from_row(const pqxx::row& row, int first) {
    User user;
    auto id = Id::parse(text(row[first]));
    auto institution = Id::parse(text(row[first + 3]));
    if (!id || !institution)
        return fail(Error::internal("user row with an unreadable id"));
    user.id = *id;
    user.username = text(row[first + 1]);
    user.display_name = text(row[first + 2]);
    user.institution_id = *institution;
    user.roles = split_roles(text(row[first + 4]));
    user.password_hash = text(row[first + 5]);
    user.disabled = row[first + 6].as<bool>();
    user.language = text(row[first + 7]);
    return user;
}

Result<Timestamp> time_field(const pqxx::field& field) {
    auto parsed = parse_timestamp(text(field));
    if (!parsed)
        return fail(Error::internal("a stored time could not be read"));
    return *parsed;
}

Result<Session> session_from_row(const pqxx::row& row, int first) {
    Session session;
    auto id = Id::parse(text(row[first]));
    auto user = Id::parse(text(row[first + 2]));
    if (!id || !user)
        return fail(Error::internal("session row with an unreadable id"));
    session.id = *id;
    session.token_hash = text(row[first + 1]);
    session.user_id = *user;
    session.created_at = TRY(time_field(row[first + 3]));
    session.last_seen_at = TRY(time_field(row[first + 4]));
    session.expires_at = TRY(time_field(row[first + 5]));
    if (!row[first + 6].is_null())
        session.revoked_at = TRY(time_field(row[first + 6]));
    session.address = text(row[first + 7]);
    return session;
}

}  // namespace retorno::postgres
