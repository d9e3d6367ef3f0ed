#include <gtest/gtest.h>

#include "web/form.h"

namespace retorno::web {
namespace {

TEST(Form, DecodesPlusAndPercentAsBrowsersSendThem) {
    auto form = Form::parse("name=Luc%C3%ADa+Aj%C3%BA&time=2026-12-02T08%3A00&empty=&flag&k=a&k=b");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->get("name"), "Lucía Ajú");
    EXPECT_EQ(form->get("time"), "2026-12-02T08:00");
    EXPECT_TRUE(form->has("empty"));
    EXPECT_TRUE(form->has("flag"));
    EXPECT_EQ(form->all("k"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(form->get("missing"), "");
}

TEST(Form, RefusesABrokenPercentEscape) {
    EXPECT_FALSE(Form::parse("a=%zz"));
    EXPECT_FALSE(Form::parse("a=%4"));
    EXPECT_FALSE(Form::parse("a=%"));
}

}  // namespace
}  // namespace retorno::web
