#include "web/child_search.h"

namespace retorno::web {

Result<std::vector<access::Seen<access::PersonMatch>>> search_children(WebContext& web,
                                                                       const Actor& actor,
                                                                       const ChildQuery& query,
                                                                       int limit) {
    PersonQuery person;
    person.first_name = query.given_names;
    person.second_name = query.surnames;
    person.birthdate = query.birthdate;
    person.nationality = query.nationality;
    person.limit = limit;
    return web.security.persons.find(person, actor);
}

}  // namespace retorno::web
