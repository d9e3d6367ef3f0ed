#include "service/case_person_record.h"

namespace retorno {

matching::PersonRecord person_record_of_case(const Case& c) {
    return person_record_of(c.person, c.id.to_string());
}

matching::PersonRecord person_record_of(const Person& p, std::string id) {
    matching::PersonRecord r;
    r.id = std::move(id);
    r.first_name = p.first_name;
    r.middle_name = p.middle_name;
    r.second_name = p.second_name;
    if (p.birthdate)
        r.birthdate = format_date(*p.birthdate);
    r.gender = p.gender;
    if (!p.citizenship.empty())
        r.nationality = p.citizenship.front();
    if (p.age_estimate && p.age_estimate_date) {
        r.age_estimate = std::to_string(*p.age_estimate);
        r.age_estimate_date = format_date(*p.age_estimate_date);
    }
    return r;
}

}  // namespace retorno
