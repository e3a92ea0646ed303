// mayCallPrivileged(): zanryod's own check behind the bus policy, root or group zanryo.
#include <gtest/gtest.h>

#include <algorithm>

#include "caller_auth.hpp"

namespace zanryo {
namespace {

constexpr gid_t kZanryo = 990;

struct Caller {
	const char *name;
	CallerCredentials creds;
	std::optional<gid_t> zanryoGid;
	bool allowed;
};

class PrivilegedCaller : public testing::TestWithParam<Caller>
{
};

TEST_P(PrivilegedCaller, isDecidedByUidAndGroups)
{
	EXPECT_EQ(mayCallPrivileged(GetParam().creds, GetParam().zanryoGid), GetParam().allowed);
}

INSTANTIATE_TEST_SUITE_P(
	All, PrivilegedCaller,
	testing::Values(Caller{ "root", { 0, 0, {} }, kZanryo, true },
			Caller{ "rootWithoutAZanryoGroup", { 0, 0, {} }, std::nullopt, true },
			Caller{ "nobody", { 65534, 65534, {} }, kZanryo, false },
			Caller{ "userInGroupZanryo", { 1000, 1000, { 27, kZanryo } }, kZanryo, true },
			Caller{ "serviceWithPrimaryGroupZanryo", { 990, kZanryo, {} }, kZanryo, true },
			Caller{ "userInOtherGroups", { 1000, 1000, { 4, 27, 100 } }, kZanryo, false },
			Caller{ "noZanryoGroupOnTheSystem", { 1000, 1000, { 4 } }, std::nullopt, false },
			Caller{ "unknownCredentials", {}, kZanryo, false }),
	[](const testing::TestParamInfo<Caller> &p) { return p.param.name; });

TEST(AccountGroups, rootIsInItsPrimaryGroupAndAnUnknownUidInNone)
{
	auto root = accountGroups(0);
	EXPECT_NE(std::find(root.begin(), root.end(), gid_t(0)), root.end());
	EXPECT_TRUE(accountGroups(uid_t(4000000000u)).empty());
}

} // namespace
} // namespace zanryo
