// Two application processes that share one database both run the deadline scheduler. Each
// has its own store (its own connections) and its own CaseService, as two `retorno serve`
// processes do; they raise the escalations of the same overdue tasks at the same moment. The
// database lets one append win per case version, so every overdue task is escalated exactly
// once, whichever process raised it.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>
#include <tuple>

#include <boost/json.hpp>

#include "service/case_service.h"
#include "store/store_backends.h"
#include "support/manual_clock.h"

namespace retorno {
namespace {

using testing::Backend;
using testing::ManualClock;

class ConcurrentEscalation : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        RETORNO_OPEN_BACKEND_OR_SKIP(m_backing, GetParam());
        auto other = m_backing.open_another();
        ASSERT_TRUE(other) << other.error().message;
        m_other_store = std::move(*other);
        auto registry = protocol::ProtocolRegistry::load_default();
        ASSERT_TRUE(registry) << registry.error().message;
        m_protocols = std::move(*registry);
        m_first = std::make_unique<CaseService>(*m_backing.store, m_clock, m_protocols);
        m_second = std::make_unique<CaseService>(*m_other_store, m_clock, m_protocols);
    }

    void TearDown() override {
        m_first.reset();
        m_second.reset();
        m_other_store.reset();
    }

    Id open_case(int n) {
        OpenCaseRequest request;
        request.person.first_name = "Niña Sintética " + std::to_string(n);
        request.person.age_estimate = 14;
        request.person.age_estimate_date = date_of(m_clock.now());
        request.origin_country = n % 2 == 0 ? "GT" : "HN";
        request.destination_country = "MX";
        Actor actor;
        auto opened = m_first->open_case(request, actor);
        EXPECT_TRUE(opened) << opened.error().message;
        return opened->id;
    }

    // The escalations in a case's log, as (step, due date) with how often each was raised.
    std::map<std::pair<std::string, std::string>, int> escalations_of(const Id& id) {
        std::map<std::pair<std::string, std::string>, int> raised;
        auto events = m_backing.store->case_events(id, 0, 10000);
        EXPECT_TRUE(events);
        for (const auto& e : *events) {
            if (e.kind != EventKind::DeadlineEscalated)
                continue;
            ++raised[{json_text(e.data.at("step")), json_text(e.data.at("due_date"))}];
        }
        return raised;
    }

    static std::string json_text(const boost::json::value& value) {
        return value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value);
    }

    testing::StoreUnderTest m_backing;
    std::unique_ptr<Store> m_other_store;
    protocol::ProtocolRegistry m_protocols;
    ManualClock m_clock{parse_timestamp("2026-03-02T09:00:00Z").value()};
    std::unique_ptr<CaseService> m_first;
    std::unique_ptr<CaseService> m_second;
};

TEST_P(ConcurrentEscalation, EveryOverdueTaskIsEscalatedOnceWhenTwoProcessesRaiseThemTogether) {
    std::vector<Id> cases;
    for (int n = 0; n < 12; ++n)
        cases.push_back(open_case(n));
    ASSERT_EQ(*m_first->raise_escalations(), 0);

    m_clock.advance(std::chrono::hours(24 * 10));
    Result<int> by_first = 0;
    Result<int> by_second = 0;
    std::thread first([&] { by_first = m_first->raise_escalations(); });
    std::thread second([&] { by_second = m_second->raise_escalations(); });
    first.join();
    second.join();
    ASSERT_TRUE(by_first) << by_first.error().message << " " << by_first.error().detail;
    ASSERT_TRUE(by_second) << by_second.error().message << " " << by_second.error().detail;

    // A process that lost a race on a case leaves it for its next run; after one more run by
    // each, nothing is left to raise.
    auto again_first = m_first->raise_escalations();
    auto again_second = m_second->raise_escalations();
    ASSERT_TRUE(again_first && again_second);
    EXPECT_EQ(*m_first->raise_escalations(), 0);
    EXPECT_EQ(*m_second->raise_escalations(), 0);

    int in_logs = 0;
    for (const auto& id : cases) {
        auto raised = escalations_of(id);
        EXPECT_FALSE(raised.empty()) << "case " << id.to_string() << " was not escalated";
        for (const auto& [task, times] : raised) {
            EXPECT_EQ(times, 1) << "step " << task.first << " due " << task.second << " escalated "
                                << times << " times in case " << id.to_string();
            in_logs += times;
        }
    }
    // What the processes say they raised is what the logs hold: nothing counted twice.
    EXPECT_EQ(*by_first + *by_second + *again_first + *again_second, in_logs);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentEscalation,
                         ::testing::ValuesIn({Backend::Sqlite, Backend::Postgres}),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
