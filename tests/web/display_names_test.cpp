// The names a page shows for the institutions and users that its entries name by id, looked up
// once per page, on both stores.

#include <gtest/gtest.h>

#include "store/store_backends.h"
#include "web/display_names.h"

namespace retorno::testing {
namespace {

class DisplayNamesTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        RETORNO_OPEN_BACKEND_OR_SKIP(m_backing, GetParam());
        ASSERT_TRUE(store().put_institution(shelter));
        user.id = Id::generate();
        user.username = "gt.albergue.nombres";
        user.display_name = "Usuaria de prueba";
        user.institution_id = shelter.id;
        user.roles = {Role::Supervisor};
        user.password_hash = "not a real hash";
        ASSERT_TRUE(store().put_user(user));
    }
    Store& store() { return *m_backing.store; }

    Institution shelter{Id::generate(), "GT", "Shelter", "Albergue de prueba", {}};
    User user;
    StoreUnderTest m_backing;
};

TEST_P(DisplayNamesTest, NamesComeFromTheStoreAndIdsThatNameNothingStayAsTheyAre) {
    web::DisplayNames names(store());
    EXPECT_EQ(names.institution(shelter.id.to_string()).value(), "Albergue de prueba");
    EXPECT_EQ(names.user(user.id.to_string()).value(), "Usuaria de prueba");
    // The service's own entries have no institution.
    EXPECT_EQ(names.institution("").value(), "retorno");
    const std::string unknown = Id::generate().to_string();
    EXPECT_EQ(names.institution(unknown).value(), unknown);
    EXPECT_EQ(names.user(unknown).value(), unknown);
    // An actor recorded by name rather than id (a refused sign-in keeps what was typed).
    EXPECT_EQ(names.user("alguien").value(), "alguien");
}

TEST_P(DisplayNamesTest, EachIdIsLookedUpOncePerPage) {
    web::DisplayNames names(store());
    ASSERT_EQ(names.institution(shelter.id.to_string()).value(), "Albergue de prueba");
    ASSERT_EQ(names.user(user.id.to_string()).value(), "Usuaria de prueba");

    // Renamed after the page looked them up: the page keeps the names it began with, because
    // it does not ask the store again; the next page sees the new ones.
    shelter.name = "Albergue renombrado";
    ASSERT_TRUE(store().put_institution(shelter));
    user.display_name = "Nombre nuevo";
    ASSERT_TRUE(store().put_user(user));
    EXPECT_EQ(names.institution(shelter.id.to_string()).value(), "Albergue de prueba");
    EXPECT_EQ(names.user(user.id.to_string()).value(), "Usuaria de prueba");

    web::DisplayNames next_page(store());
    EXPECT_EQ(next_page.institution(shelter.id.to_string()).value(), "Albergue renombrado");
    EXPECT_EQ(next_page.user(user.id.to_string()).value(), "Nombre nuevo");
}

INSTANTIATE_TEST_SUITE_P(Backends, DisplayNamesTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
