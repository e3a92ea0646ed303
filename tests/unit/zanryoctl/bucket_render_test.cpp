// zanryoctl status: one line per Balance.Buckets element, and its JSON.
#include <gtest/gtest.h>

#include "bucket_render.hpp"
#include "units.hpp"

namespace zanryo::ctl {
namespace {

// 2026-12-31 00:00:00 UTC
constexpr std::uint64_t kNewYearsEve = 1798675200;

struct LineCase {
	const char *name;
	client::Bucket bucket;
	ByteUnits units;
	const char *line;
};

class BucketLine : public testing::TestWithParam<LineCase>
{
};

TEST_P(BucketLine, saysKindLabelValueAndExpiry)
{
	ByteUnits saved = byteUnits();
	byteUnits() = GetParam().units;
	EXPECT_EQ(bucketLine(GetParam().bucket), GetParam().line);
	byteUnits() = saved;
}

INSTANTIATE_TEST_SUITE_P(
	Cases, BucketLine,
	testing::Values(
		LineCase{ "mainMoneyWithExpiry", { "main", "", "money", "125.50", "RUB", 0, kNewYearsEve },
			  ByteUnits::Binary, "main: 125.50 RUB, expires 2026-12-31" },
		LineCase{ "labelledSubBalance", { "main", "geschenkguthaben", "money", "0.01", "EUR", 0, 0 },
			  ByteUnits::Binary, "main (geschenkguthaben): 0.01 EUR" },
		LineCase{ "moneyWithoutCurrency", { "bonus", "", "money", "300", "", 0, 0 }, ByteUnits::Binary,
			  "bonus: 300" },
		LineCase{ "dataInStatusUnits", { "data", "", "bytes", "", "", 3435973837ull, 0 },
			  ByteUnits::Binary, "data: 3.20 GiB" },
		LineCase{ "dataWithSi", { "data", "", "bytes", "", "", 1500000000ull, 0 }, ByteUnits::Decimal,
			  "data: 1.50 GB" },
		LineCase{ "smsCount", { "sms", "", "count", "", "", 100, 0 }, ByteUnits::Binary, "sms: 100 SMS" },
		LineCase{ "minutesCount", { "minutes", "", "count", "", "", 45, 0 }, ByteUnits::Binary,
			  "minutes: 45 min" },
		LineCase{ "onlyAnExpiry", { "other", "roaming", "", "", "", 0, kNewYearsEve }, ByteUnits::Binary,
			  "other (roaming): no amount stated, expires 2026-12-31" }),
	[](const testing::TestParamInfo<LineCase> &i) { return i.param.name; });

TEST(BucketsJson, valueIsInTheFieldOfItsUnitAndTheOthersAreNull)
{
	std::vector<client::Bucket> buckets{
		{ "main", "", "money", "-3.20", "RUB", 0, kNewYearsEve },
		{ "data", "", "bytes", "", "", 0, 0 },
		{ "sms", "", "count", "", "", 7, 0 },
	};
	nlohmann::json j = bucketsJson(buckets);
	ASSERT_EQ(j.size(), 3u);
	EXPECT_EQ(j[0]["kind"], "main");
	EXPECT_EQ(j[0]["label"], "");
	EXPECT_EQ(j[0]["money"]["amount"], "-3.20");
	EXPECT_EQ(j[0]["money"]["currency"], "RUB");
	EXPECT_TRUE(j[0]["bytes"].is_null());
	EXPECT_EQ(j[0]["expires"], "2026-12-31");
	EXPECT_EQ(j[0]["expiresAt"], kNewYearsEve);
	// "0 bytes left" is a value, not "not stated".
	EXPECT_EQ(j[1]["bytes"], 0u);
	EXPECT_TRUE(j[1]["money"].is_null());
	EXPECT_TRUE(j[1]["expires"].is_null());
	EXPECT_EQ(j[2]["count"], 7u);
	EXPECT_TRUE(bucketsJson({}).is_array());
}

TEST(ReadingCaveats, nameRepairDamageAndInferenceAndNothingElse)
{
	client::Balance b;
	EXPECT_EQ(readingCaveats(b), "");
	b.repaired = "ucs2-low-bytes";
	b.damaged = "user data shorter than TP-UDL";
	b.inferred = { "expires" };
	EXPECT_EQ(readingCaveats(b),
		  "reply repaired (ucs2-low-bytes); SMS damaged (user data shorter than TP-UDL); expires inferred");
}

} // namespace
} // namespace zanryo::ctl
