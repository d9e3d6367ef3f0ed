#include "synthetic/labelled_persons.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "synthetic/text.h"

namespace retorno::synthetic {
namespace {

std::string persons_csv(const LabelledPersons& persons) {
    std::ostringstream out;
    write_persons_csv(out, persons);
    return out.str();
}

std::string truth_csv(const LabelledPersons& persons) {
    std::ostringstream out;
    write_truth_csv(out, persons);
    return out.str();
}

bool same_record(const LabelledPerson& a, const LabelledPerson& b) {
    return a.person.first_name == b.person.first_name &&
           a.person.middle_name == b.person.middle_name &&
           a.person.second_name == b.person.second_name &&
           a.person.birthdate == b.person.birthdate &&
           a.person.age_estimate == b.person.age_estimate &&
           a.person.age_estimate_date == b.person.age_estimate_date &&
           a.mother_name == b.mother_name;
}

TEST(LabelledPersons, SameSeedGivesByteIdenticalFiles) {
    auto a = make_labelled_persons(99, 500, 0.3);
    auto b = make_labelled_persons(99, 500, 0.3);
    auto c = make_labelled_persons(100, 500, 0.3);
    EXPECT_EQ(persons_csv(a), persons_csv(b));
    EXPECT_EQ(truth_csv(a), truth_csv(b));
    EXPECT_NE(persons_csv(a), persons_csv(c));
}

TEST(LabelledPersons, CountIsExactAndIdsAreUniqueInOrder) {
    for (std::size_t count : {1u, 2u, 17u, 1000u}) {
        auto set = make_labelled_persons(5, count, 0.5);
        ASSERT_EQ(set.records.size(), count);
        for (std::size_t i = 0; i < count; ++i) {
            char expected[32];
            std::snprintf(expected, sizeof expected, "r%06zu", i + 1);
            EXPECT_EQ(set.records[i].id, expected);
        }
    }
}

TEST(LabelledPersons, ClustersHoldOnePersonRecordAndItsVariants) {
    auto set = make_labelled_persons(7, 3000, 0.4);
    std::map<std::string, std::vector<const LabelledPerson*>> clusters;
    for (const auto& r : set.records)
        clusters[r.cluster].push_back(&r);
    EXPECT_EQ(clusters.size(), set.cluster_count());
    int variants = 0;
    for (const auto& [cluster, records] : clusters) {
        const LabelledPerson* original = nullptr;
        for (const auto* r : records) {
            if (r->kind != RecordKind::Variant) {
                EXPECT_EQ(original, nullptr) << "two non-variant records in " << cluster;
                original = r;
                EXPECT_TRUE(r->distortions.empty());
            }
        }
        for (const auto* r : records) {
            if (r->kind != RecordKind::Variant)
                continue;
            ++variants;
            // A variant is written from a Person record that is in the same cluster (the
            // last one of a truncated set may have lost it).
            if (original == nullptr)
                continue;
            EXPECT_EQ(original->kind, RecordKind::Person);
            EXPECT_NE(r->source, Register::Original);
            EXPECT_FALSE(r->distortions.empty());
            EXPECT_FALSE(same_record(*r, *original)) << r->id << " equals " << original->id;
            EXPECT_EQ(r->person.citizenship, original->person.citizenship);
            EXPECT_EQ(r->person.gender, original->person.gender);
        }
    }
    // About 40% of people get 1.5 more records on average.
    EXPECT_GT(variants, 600);
    EXPECT_LT(variants, 1400);
}

TEST(LabelledPersons, EveryDistortionOccursAndDoesWhatItSays) {
    auto set = make_labelled_persons(8, 6000, 0.6);
    std::map<std::string, const LabelledPerson*> originals;
    for (const auto& r : set.records) {
        if (r.kind == RecordKind::Person)
            originals[r.cluster] = &r;
    }
    std::map<Distortion, int> seen;
    for (const auto& r : set.records) {
        if (r.kind != RecordKind::Variant || !originals.count(r.cluster))
            continue;
        const LabelledPerson& o = *originals[r.cluster];
        for (Distortion d : r.distortions) {
            ++seen[d];
            switch (d) {
                case Distortion::UpperCase:
                    EXPECT_EQ(r.person.second_name, upper_case(r.person.second_name));
                    break;
                case Distortion::AgeEstimateOnly:
                    EXPECT_FALSE(r.person.birthdate);
                    EXPECT_TRUE(r.person.age_estimate);
                    EXPECT_TRUE(r.person.age_estimate_date);
                    break;
                case Distortion::MotherNameMissing:
                    EXPECT_TRUE(r.mother_name.empty());
                    break;
                case Distortion::SurnameMissing:
                case Distortion::FirstSurnameMissing:
                    EXPECT_EQ(words(r.person.second_name).size(), 1u);
                    EXPECT_EQ(words(o.person.second_name).size(), 2u);
                    break;
                case Distortion::DayMonthSwapped:
                    ASSERT_TRUE(r.person.birthdate && o.person.birthdate);
                    EXPECT_EQ(static_cast<unsigned>(r.person.birthdate->month()),
                              static_cast<unsigned>(o.person.birthdate->day()));
                    break;
                case Distortion::YearOffByOne: {
                    ASSERT_TRUE(r.person.birthdate && o.person.birthdate);
                    int delta = static_cast<int>(r.person.birthdate->year()) -
                                static_cast<int>(o.person.birthdate->year());
                    EXPECT_EQ(std::abs(delta), 1);
                    break;
                }
                case Distortion::Nickname:
                    EXPECT_NE(r.person.first_name, o.person.first_name);
                    EXPECT_TRUE(r.person.middle_name.empty());
                    break;
                case Distortion::GivenNamesMerged:
                    EXPECT_TRUE(r.person.middle_name.empty());
                    EXPECT_NE(r.person.first_name.find(' '), std::string::npos);
                    break;
                default:
                    break;
            }
        }
    }
    for (Distortion d :
         {Distortion::Typo, Distortion::NoAccents, Distortion::UpperCase,
          Distortion::SurnamesSwapped, Distortion::SurnameMissing, Distortion::FirstSurnameMissing,
          Distortion::MiddleNameMissing, Distortion::GivenNamesMerged, Distortion::Abbreviation,
          Distortion::Nickname, Distortion::DayMonthSwapped, Distortion::YearOffByOne,
          Distortion::AgeEstimateOnly, Distortion::MotherNameMissing}) {
        EXPECT_GT(seen[d], 5) << to_string(d);
    }
}

TEST(LabelledPersons, SiblingsAndNamesakesAreHardNegativesInTheirOwnClusters) {
    LabelledPersonsOptions options;
    options.count = 4000;
    options.sibling_rate = 0.2;
    options.namesake_rate = 0.2;
    auto set = make_labelled_persons(9, options);
    std::map<std::string, std::vector<const LabelledPerson*>> by_cluster;
    for (const auto& r : set.records)
        by_cluster[r.cluster].push_back(&r);
    int siblings = 0;
    int namesakes = 0;
    std::set<std::string> person_names;
    for (const auto& r : set.records) {
        if (r.kind == RecordKind::Person) {
            person_names.insert(r.person.first_name + "|" + r.person.second_name);
        }
    }
    for (const auto& r : set.records) {
        if (r.kind == RecordKind::Sibling) {
            ++siblings;
            EXPECT_EQ(by_cluster[r.cluster].size(), 1u);
        }
        if (r.kind == RecordKind::Namesake) {
            ++namesakes;
            EXPECT_EQ(by_cluster[r.cluster].size(), 1u);
            EXPECT_TRUE(person_names.count(r.person.first_name + "|" + r.person.second_name));
        }
    }
    EXPECT_GT(siblings, 300);
    EXPECT_GT(namesakes, 300);
}

TEST(LabelledPersons, CsvHasTheHtcdsHeaderAndRoundTrips) {
    auto set = make_labelled_persons(10, 800, 0.3);
    std::string text = persons_csv(set);
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,"
              "prs_Nationality,age_estimate,age_estimate_date,mother_name,birth_place");
    std::istringstream in(text);
    auto read = read_persons_csv(in);
    ASSERT_TRUE(read) << read.error().field << ": " << read.error().message;
    ASSERT_EQ(read->size(), set.records.size());
    for (std::size_t i = 0; i < read->size(); ++i) {
        const auto& a = (*read)[i];
        const auto& b = set.records[i];
        EXPECT_EQ(a.id, b.id);
        EXPECT_TRUE(same_record(a, b)) << a.id;
        EXPECT_EQ(a.person.gender, b.person.gender);
        EXPECT_EQ(a.person.citizenship, b.person.citizenship);
        EXPECT_EQ(a.birth_place, b.birth_place);
    }
    std::istringstream truth_in(truth_csv(set));
    auto truth = read_truth_csv(truth_in);
    ASSERT_TRUE(truth);
    ASSERT_EQ(truth->size(), set.records.size());
    EXPECT_EQ((*truth)[0].first, set.records[0].id);
    EXPECT_EQ((*truth)[0].second, set.records[0].cluster);
}

TEST(LabelledPersons, CsvQuotesFieldsWithCommasQuotesAndLineBreaks) {
    LabelledPersons set;
    LabelledPerson r;
    r.id = "x1";
    r.cluster = "c1";
    r.person.first_name = "Ana, \"la Nena\"";
    r.person.second_name = "López\nPérez";
    r.mother_name = "Rosa";
    set.records.push_back(r);
    std::string text = persons_csv(set);
    EXPECT_NE(text.find("\"Ana, \"\"la Nena\"\"\""), std::string::npos);
    std::istringstream in(text);
    auto read = read_persons_csv(in);
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ((*read)[0].person.first_name, r.person.first_name);
    EXPECT_EQ((*read)[0].person.second_name, r.person.second_name);
}

TEST(LabelledPersons, ReadingRefusesMalformedFilesNamingTheLine) {
    const std::string header =
        "id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,"
        "prs_Nationality,age_estimate,age_estimate_date,mother_name,birth_place\n";
    struct Case {
        std::string text;
        std::string field;
    };
    const Case cases[] = {
        {"id,name\n", "line 1"},
        {"", "line 1"},
        {header + "r1,Ana,,López,2011-02-30,Feminine,GT,,,,\n", "line 2"},
        {header + "r1,Ana,,López,,Feminine,GT,,,,\n" + "r2,Ana,,López,,Feminine,GT\n", "line 3"},
        {header + "r1,Ana,,López,,Girl,GT,,,,\n", "line 2"},
        {header + "r1,Ana,,López,,Feminine,Guatemala,,,,\n", "line 2"},
        {header + "r1,Ana,,López,,Feminine,GT,12,,,\n", "line 2"},
        {header + "r1,Ana,,López,,Feminine,GT,40,2024-01-01,,\n", "line 2"},
        {header + "r1,Ana,,López,,Feminine,GT,x,2024-01-01,,\n", "line 2"},
        {header + ",Ana,,López,,Feminine,GT,,,,\n", "line 2"},
        {header + "r1,\"Ana,,López,,Feminine,GT,,,,\n", "line 2"},
    };
    for (const auto& c : cases) {
        std::istringstream in(c.text);
        auto read = read_persons_csv(in);
        ASSERT_FALSE(read) << c.text;
        EXPECT_EQ(read.error().field, c.field) << c.text;
    }
    std::istringstream truth("id,cluster\nr1\n");
    auto read = read_truth_csv(truth);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().field, "line 2");
}

}  // namespace
}  // namespace retorno::synthetic
