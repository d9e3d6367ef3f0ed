// Encryption at rest of the sensitive fields, on both stores: a copy of the database alone
// (the SQLite file with its write-ahead log, or a pg_dump) holds none of the plaintexts, and
// `keys rotate` re-encrypts everything under a new key while another process keeps reading and
// writing, with every event chain still verifying afterwards.

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "crypto/keyring.h"
#include "service/case_service.h"
#include "store/chain_check.h"
#include "store/key_rotation.h"
#include "store/postgres/pg_tools.h"
#include "store/store_backends.h"
#include "synthetic/generator.h"

namespace retorno::testing {
namespace {

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

class EncryptionAtRest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres && !postgres_test_url() && postgres_may_be_missing())
            GTEST_SKIP() << kNoPostgres;
        auto problem = m_backing.open(GetParam());
        ASSERT_EQ(problem, "");
        auto registry = protocol::ProtocolRegistry::load_default();
        ASSERT_TRUE(registry) << registry.error().message;
        m_protocols = std::move(*registry);
    }

    // Opens `count` synthetic cases, each with a note that names a shelter, through `store`;
    // answers the sensitive plaintexts they hold (only values long enough not to occur by
    // chance in the readable columns).
    std::vector<std::string> open_cases(Store& store, int count) {
        CaseService service(store, m_clock, m_protocols);
        synthetic::Generator generator(20260301);
        std::vector<std::string> secrets;
        auto keep = [&](const std::string& value) {
            if (value.size() >= 6)
                secrets.push_back(value);
        };
        for (int i = 0; i < count; ++i) {
            auto drawn = generator.next_case();
            OpenCaseRequest request;
            request.person = drawn.person;
            request.victim = drawn.victim;
            request.origin_country = drawn.origin_country;
            request.destination_country = drawn.destination_country;
            auto opened = service.open_case(request, m_actor);
            if (!opened) {
                ADD_FAILURE() << opened.error().message << " / " << opened.error().detail;
                return secrets;
            }
            m_cases.push_back(opened->id);
            m_first_names.push_back(drawn.person.first_name);
            keep(drawn.person.first_name + "\",");  // the name as a whole JSON string
            keep(drawn.person.second_name);
            keep(drawn.person.identity_number);
            keep(drawn.person.mailing_city);
            if (drawn.person.birthdate)
                keep(format_date(*drawn.person.birthdate));
            keep(drawn.victim.relationship_to_trafficker);
            RecordEventRequest note;
            note.kind = EventKind::NoteAdded;
            std::string shelter = "Albergue Sintetico Numero " + std::to_string(1000 + i);
            note.data = boost::json::object{{"shelter", shelter}};
            auto noted = service.record_event(opened->id, 1, note, m_actor);
            if (!noted) {
                ADD_FAILURE() << noted.error().message << " / " << noted.error().detail;
                return secrets;
            }
            keep(shelter);
        }
        return secrets;
    }

    // Enrols a synthetic user in TOTP through `store`; answers the secret.
    std::string enrol_totp(Store& store) {
        Institution institution{Id::generate(), "GT", "ChildProtectionAuthority",
                                "Procuraduría de prueba", std::nullopt};
        EXPECT_TRUE(store.put_institution(institution));
        User user;
        user.id = Id::generate();
        user.username = "totp.prueba." + user.id.to_string().substr(30);
        user.display_name = "Usuaria de prueba";
        user.institution_id = institution.id;
        user.roles = {Role::Caseworker};
        user.password_hash = "not-a-real-hash";
        EXPECT_TRUE(store.put_user(user));
        const std::string secret = "SYNTHETICTOTPSECRET" + user.id.to_string().substr(30, 6);
        EXPECT_TRUE(store.set_user_totp_secret(user.id, secret));
        m_totp_user = user.id;
        return secret;
    }

    // What someone who copied the database alone would have.
    std::string copy_of_database() {
        if (GetParam() == Backend::Sqlite) {
            auto file = m_backing.sqlite_file();
            return read_bytes(file) + read_bytes(file.string() + "-wal");
        }
        auto connection = postgres::tool_connection(m_backing.database->url());
        EXPECT_TRUE(connection);
        std::string dump;
        auto dumped = postgres::run_tool(
            postgres::pg_tool("pg_dump"), {"--format=plain", "--dbname=" + connection->dbname},
            {"PGPASSWORD=" + connection->password}, [&](std::string_view line) {
                dump.append(line);
                dump += '\n';
                return Status{};
            });
        EXPECT_TRUE(dumped) << dumped.error().message << " / " << dumped.error().detail;
        return dump;
    }

    StoreUnderTest m_backing;
    protocol::ProtocolRegistry m_protocols;
    SystemClock m_clock;
    Actor m_actor;
    std::vector<Id> m_cases;
    std::vector<std::string> m_first_names;
    Id m_totp_user;
};

TEST_P(EncryptionAtRest, ACopyOfTheDatabaseAloneRevealsNoSensitiveField) {
    auto secrets = open_cases(*m_backing.store, 12);
    ASSERT_GE(secrets.size(), 30u);
    const auto totp = enrol_totp(*m_backing.store);
    secrets.push_back(totp);
    auto copy = copy_of_database();
    ASSERT_FALSE(copy.empty());
    for (const auto& secret : secrets)
        EXPECT_EQ(copy.find(secret), std::string::npos) << "found in clear: " << secret;
    // What is not sensitive stays readable (so the scan does see the data), and every sealed
    // field names its key.
    EXPECT_NE(copy.find("Active"), std::string::npos);
    EXPECT_NE(copy.find(m_cases.front().to_string()), std::string::npos);
    EXPECT_NE(copy.find("enc1:" + m_backing.cipher->current_key_id() + ":"), std::string::npos);

    // Through the store, with the key file, everything reads in clear again.
    auto read = m_backing.store->find_case(m_cases.front());
    ASSERT_TRUE(read && *read) << (read ? "" : read.error().detail);
    EXPECT_EQ((*read)->person.first_name, m_first_names.front());
    auto events = m_backing.store->case_events(m_cases.front(), 0, 10);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[1].data.at("shelter").as_string(), "Albergue Sintetico Numero 1000");
    EXPECT_EQ(m_backing.store->user_totp_secret(m_totp_user).value(), totp);
    EXPECT_TRUE(verify_store(*m_backing.store));
}

// The same scan finds the plaintexts in a store without a key file, so the test above can fail.
TEST_P(EncryptionAtRest, TheScanFindsPlaintextWhenNothingIsEncrypted) {
    std::unique_ptr<Store> clear;
    if (GetParam() == Backend::Sqlite) {
        clear = std::move(SqliteStore::open(m_backing.sqlite_file()).value());
    } else {
        clear = std::move(PostgresStore::open(m_backing.database->url(), 2).value());
    }
    auto secrets = open_cases(*clear, 3);
    ASSERT_FALSE(secrets.empty());
    secrets.push_back(enrol_totp(*clear));
    auto copy = copy_of_database();
    int found = 0;
    for (const auto& secret : secrets)
        found += copy.find(secret) != std::string::npos ? 1 : 0;
    EXPECT_EQ(found, static_cast<int>(secrets.size()));
}

// A ciphertext moved to another case's field does not decrypt there: the associated data names
// the case and the field.
TEST_P(EncryptionAtRest, ACiphertextMovedToAnotherCaseDoesNotDecrypt) {
    Case first = make_case(Id::generate(), 1);
    Event event = make_event(first);
    ASSERT_TRUE(m_backing.store->append(event, first));
    boost::json::object document = case_to_json(first);
    ASSERT_TRUE(seal_case_document(document, m_backing.cipher.get()));
    auto name = document.at("person").at("prs_FirstName");
    boost::json::object other = case_to_json(make_case(Id::generate(), 1));
    ASSERT_TRUE(seal_case_document(other, m_backing.cipher.get()));
    other.at("person").as_object()["prs_FirstName"] = name;
    EXPECT_FALSE(open_case_document(other, m_backing.cipher.get()));
    EXPECT_TRUE(open_case_document(document, m_backing.cipher.get()));
}

// `keys rotate` while another process (a second store over the same database and key file, as
// a running server has) keeps reading and writing: no read or write fails, every field ends
// under the new key, the old key leaves the key file, and the chains verify as before.
TEST_P(EncryptionAtRest, RotationReencryptsEverythingWhileAnotherProcessReadsAndWrites) {
    auto server = m_backing.open_another();
    ASSERT_TRUE(server) << server.error().message;
    open_cases(**server, 30);
    ASSERT_EQ(m_cases.size(), 30u);
    const std::string old_key = m_backing.cipher->current_key_id();

    std::atomic<bool> stop{false};
    std::atomic<int> reads{0};
    std::atomic<int> writes{0};
    std::vector<std::string> failures;
    std::thread traffic([&] {
        CaseService service(**server, m_clock, m_protocols);
        for (std::size_t i = 0; !stop; ++i) {
            std::size_t n = i % m_cases.size();
            auto read = (*server)->find_case(m_cases[n]);
            if (!read || !*read || (*read)->person.first_name != m_first_names[n]) {
                failures.push_back("read: " + (read ? std::string("wrong") : read.error().detail));
                continue;
            }
            ++reads;
            if (i % 4 == 0) {
                RecordEventRequest note;
                note.kind = EventKind::NoteAdded;
                note.data = boost::json::object{{"text", "nota sintetica " + std::to_string(i)}};
                auto written = service.record_event(m_cases[n], (*read)->version, note, m_actor);
                // Only a concurrent rotation of the same projection could make a Conflict, and
                // rotation never changes versions: every write must succeed.
                if (!written)
                    failures.push_back("write: " + written.error().detail);
                else
                    ++writes;
            }
        }
    });
    RotationOptions options;
    options.grace = std::chrono::milliseconds(500);
    options.batch = 7;
    auto rotated = rotate_data_key(*m_backing.store, m_backing.key_file(), options);
    stop = true;
    traffic.join();
    ASSERT_TRUE(rotated) << rotated.error().message << " / " << rotated.error().detail;
    EXPECT_TRUE(failures.empty()) << failures.front();
    EXPECT_GT(reads.load(), 0);
    EXPECT_GT(writes.load(), 0);
    EXPECT_NE(rotated->new_key, old_key);
    EXPECT_GT(rotated->fields, 0);
    EXPECT_TRUE(rotated->old_keys_removed);

    auto keyring = load_keyring_file(m_backing.key_file());
    ASSERT_TRUE(keyring);
    ASSERT_EQ(keyring->keys().size(), 1u);
    EXPECT_EQ(keyring->current().id, rotated->new_key);
    auto left = m_backing.store->reseal_fields(ResealMode::Count, 100);
    ASSERT_TRUE(left);
    EXPECT_EQ(left->fields, 0);

    // A fresh process with only the new key reads everything, and every chain verifies.
    server->reset();
    auto fresh = m_backing.open_another();
    ASSERT_TRUE(fresh);
    auto verified = verify_store(**fresh);
    ASSERT_TRUE(verified) << verified.error().message << " / " << verified.error().detail;
    EXPECT_EQ(verified->cases, 30);
    auto read = (*fresh)->find_case(m_cases.back());
    ASSERT_TRUE(read && *read);
    EXPECT_EQ((*read)->person.first_name, m_first_names.back());
    if (GetParam() == Backend::Postgres) {
        auto copy = copy_of_database();
        EXPECT_EQ(copy.find("enc1:" + old_key + ":"), std::string::npos);
        EXPECT_NE(copy.find("enc1:" + rotated->new_key + ":"), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(BothStores, EncryptionAtRest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
