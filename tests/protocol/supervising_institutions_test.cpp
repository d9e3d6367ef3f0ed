// To whom a task is escalated: the supervisor its step names, on the task's side and in that
// side's country, from the day after its due date (Task::days_overdue > 0).

#include <gtest/gtest.h>

#include "protocol/supervising_institutions.h"

namespace retorno::protocol {
namespace {

Task task(int days_overdue, std::string country = "MX",
          std::string supervisor = "CentralGovernmentOrganisation") {
    Task t;
    t.step = "risk_assessment";
    t.side = Side::Dest;
    t.country = std::move(country);
    t.institution_type = "ChildProtectionAuthority";
    t.supervisor_type = std::move(supervisor);
    t.days_overdue = days_overdue;
    return t;
}

TEST(SupervisingInstitutions, AnOverdueTaskIsEscalatedToItsStepsSupervisor) {
    auto supervising = supervising_institution(task(3));
    ASSERT_TRUE(supervising);
    EXPECT_EQ(*supervising, (ActingInstitution{"CentralGovernmentOrganisation", Side::Dest, "MX"}));
    // On time, or due today: nobody yet.
    EXPECT_FALSE(supervising_institution(task(0)));
    // A step without a supervisor, or a side whose country is not known: nobody.
    EXPECT_FALSE(supervising_institution(task(3, "MX", "")));
    EXPECT_FALSE(supervising_institution(task(3, "")));
}

TEST(SupervisingInstitutions, EachInstitutionOnceInTheOrderOfTheTasks) {
    CaseState state;
    auto verification = task(1, "GT", "ForeignMinistry");
    verification.side = Side::Orig;
    state.tasks = {task(0), verification, task(5), task(2)};
    EXPECT_EQ(
        supervising_institutions(state),
        (std::vector<ActingInstitution>{{"ForeignMinistry", Side::Orig, "GT"},
                                        {"CentralGovernmentOrganisation", Side::Dest, "MX"}}));
}

}  // namespace
}  // namespace retorno::protocol
