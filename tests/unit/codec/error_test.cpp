#include <gtest/gtest.h>

#include "libmodem/codec/result.hpp"

namespace zanryo {
namespace {

TEST(Error, messageNamesOffset)
{
	Error e = makeError(Errc::Truncated, "TP-UDL says 10 septets, 3 octets follow", 17);
	EXPECT_EQ(e.message(), "offset 17: TP-UDL says 10 septets, 3 octets follow");
	EXPECT_EQ(e.code, Errc::Truncated);
	EXPECT_STREQ(e.code.category().name(), "zanryo");
}

TEST(Error, messageFallsBackToCategoryText)
{
	Error e = makeError(Errc::InvalidHex, "");
	EXPECT_EQ(e.message(), "invalid hex");
}

TEST(Result, holdsValueOrError)
{
	Result<int> good = 42;
	ASSERT_TRUE(good.ok());
	EXPECT_EQ(*good, 42);

	Result<int> bad = makeError(Errc::Malformed, "no colon");
	ASSERT_FALSE(bad.ok());
	EXPECT_EQ(bad.error().code, Errc::Malformed);

	Result<void> fine;
	EXPECT_TRUE(fine.ok());
	Result<void> failed = makeError(Errc::Timeout, "no OK within 5 s");
	EXPECT_FALSE(failed.ok());
}

} // namespace
} // namespace zanryo
