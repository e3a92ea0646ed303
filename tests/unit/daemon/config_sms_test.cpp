// The per-modem SMS storage key delete_replies (docs/configuration.md, "SMS storage").
#include <gtest/gtest.h>
#include <ostream>

#include "config.hpp"

namespace zanryo {
namespace {

struct DeleteRepliesCase {
	const char *name;
	const char *toml;
	bool expected;
};

void PrintTo(const DeleteRepliesCase &c, std::ostream *os)
{
	*os << c.name;
}

class DeleteRepliesTest : public ::testing::TestWithParam<DeleteRepliesCase>
{
};

TEST_P(DeleteRepliesTest, readPerModem)
{
	auto c = parseConfig(GetParam().toml, "z.toml");
	ASSERT_TRUE(c.ok()) << c.error().message();
	ASSERT_EQ(c->modems.size(), 1u);
	EXPECT_EQ(c->modems[0].deleteReplies, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
	ConfigSms, DeleteRepliesTest,
	::testing::Values(
		DeleteRepliesCase{ "defaultIsTrue", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\n", true },
		DeleteRepliesCase{ "falseOnTheModem", "[[modem]]\ndevice = \"/dev/ttyUSB2\"\ndelete_replies = false\n",
				   false },
		DeleteRepliesCase{ "falseFromDefaults", "[defaults]\ndelete_replies = false\n[[modem]]\ndevice = \"/dev/ttyUSB2\"\n",
				   false },
		DeleteRepliesCase{ "modemOverridesDefaults",
				   "[defaults]\ndelete_replies = false\n[[modem]]\ndevice = \"/dev/ttyUSB2\"\ndelete_replies = true\n",
				   true }),
	[](const ::testing::TestParamInfo<DeleteRepliesCase> &i) { return std::string(i.param.name); });

TEST(ConfigSms, deleteRepliesMustBeABoolean)
{
	auto c = parseConfig("[[modem]]\ndevice = \"/dev/ttyUSB2\"\ndelete_replies = \"yes\"\n", "z.toml");
	ASSERT_FALSE(c.ok());
	EXPECT_NE(c.error().message().find("delete_replies"), std::string::npos) << c.error().message();
}

} /* namespace */
} /* namespace zanryo */
