// Moving a whole deployment between stores (the core of `retorno migrate-store`): the history
// arrives intact, verified, and a target that holds anything is refused.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "store/copy_store.h"
#include "store/store_backends.h"

namespace retorno::testing {
namespace {

struct Direction {
    Backend from;
    Backend to;
};

void PrintTo(const Direction& d, std::ostream* out) {
    *out << backend_name(d.from) << "To" << backend_name(d.to);
}

class CopyStore : public ::testing::TestWithParam<Direction> {
  protected:
    void SetUp() override {
        for (auto [side, backend] :
             {std::pair{&m_from, GetParam().from}, std::pair{&m_to, GetParam().to}}) {
            std::string why = side->open(backend);
            if (why.empty())
                continue;
            if (why == kNoPostgres && postgres_may_be_missing())
                GTEST_SKIP() << why;
            FAIL() << why;
        }
    }

    Store& from() { return *m_from.store; }
    Store& to() { return *m_to.store; }

    StoreUnderTest m_from;
    StoreUnderTest m_to;
};

TEST_P(CopyStore, CopiesEverythingWithItsHistoryAndVerifiesIt) {
    // The child sorts before its parent, so a naive copy in list order would break the
    // parent's foreign key.
    Institution parent{Id::generate(), "GT", "Ministry", "Zeta Ministerio de Prueba", std::nullopt};
    Institution child{Id::generate(), "GT", "Shelter", "Albergue de Prueba", parent.id};
    ASSERT_TRUE(from().put_institution(parent));
    ASSERT_TRUE(from().put_institution(child));
    User user{Id::generate(), "copia.prueba", "Copia Prueba", child.id, {Role::Supervisor}, "h",
              false};
    ASSERT_TRUE(from().put_user(user));
    std::vector<Case> cases;
    for (int n = 1; n <= 5; ++n) {
        Id id = Id::generate();
        for (int v = 1; v <= n; ++v) {
            Case c = make_case(id, v, n % 2 == 0 ? "Closed" : "Active");
            ASSERT_TRUE(from().append(make_event(c), c));
            if (v == n)
                cases.push_back(c);
        }
    }

    auto copied = copy_store(from(), to());
    ASSERT_TRUE(copied) << copied.error().message << " / " << copied.error().detail;
    EXPECT_EQ(copied->institutions, 2);
    EXPECT_EQ(copied->users, 1);
    EXPECT_EQ(copied->cases, 5);
    EXPECT_EQ(copied->events, 15);

    for (const auto& c : cases) {
        auto found = to().find_case(c.id).value();
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(document_of(*found), document_of(c));
        auto want = from().case_events(c.id, 0, 100).value();
        auto got = to().case_events(c.id, 0, 100).value();
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].id, want[i].id);
            EXPECT_EQ(got[i].hash, want[i].hash);
            EXPECT_EQ(got[i].previous_hash, want[i].previous_hash);
            EXPECT_EQ(boost::json::serialize(got[i].data), boost::json::serialize(want[i].data));
        }
    }
    EXPECT_EQ(to().find_institution(child.id).value()->parent, parent.id);
    EXPECT_EQ(to().find_user_by_name("copia.prueba").value()->roles, user.roles);

    // A second copy into the now non-empty target is refused and adds nothing.
    auto again = copy_store(from(), to());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(to().count_events().value(), 15);
}

INSTANTIATE_TEST_SUITE_P(Directions, CopyStore,
                         ::testing::Values(Direction{Backend::Sqlite, Backend::Postgres},
                                           Direction{Backend::Postgres, Backend::Sqlite},
                                           Direction{Backend::Sqlite, Backend::Sqlite}),
                         [](const auto& info) {
                             return backend_name(info.param.from) + "To" +
                                    backend_name(info.param.to);
                         });

}  // namespace
}  // namespace retorno::testing
