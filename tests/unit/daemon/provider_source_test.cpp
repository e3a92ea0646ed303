#include <gtest/gtest.h>

#include "provider_source.hpp"

namespace zanryo {
namespace {

constexpr const char *kMbpi = R"(<?xml version="1.0"?>
<serviceproviders format="2.0">
<country code="ru">
  <provider primary="true">
    <name>MTS</name>
    <gsm>
      <network-id mcc="250" mnc="01"/>
      <balance-check><ussd>*100#</ussd></balance-check>
    </gsm>
  </provider>
</country>
<country code="de">
  <provider><name>Alpha</name><gsm><network-id mcc="262" mnc="07"/></gsm></provider>
  <provider><name>Beta</name><gsm><network-id mcc="262" mnc="07"/></gsm></provider>
</country>
</serviceproviders>
)";

struct CountingLoader {
	unsigned *calls;
	std::optional<ProviderDb> operator()() const
	{
		(*calls)++;
		auto db = ProviderDb::fromMbpiXml(kMbpi, "test.xml");
		if (!db)
			return std::nullopt;
		return std::move(db).value();
	}
};

TEST(ProviderSource, profileOutlivesTheDatabaseAndRepeatsAreCached)
{
	unsigned calls = 0;
	ProviderSource source(CountingLoader{ &calls });
	SimHints hints;
	hints.operatorMccMnc = "25001";
	auto mts = source.lookup("250010123456789", hints);
	ASSERT_TRUE(mts.has_value());
	ASSERT_NE(mts->profile, nullptr);
	EXPECT_EQ(mts->profile->name, "MTS");
	EXPECT_EQ(mts->country, "ru");
	ASSERT_EQ(mts->profile->balanceChecks.size(), 1u);
	EXPECT_EQ(mts->profile->balanceChecks.front().code, "*100#");
	EXPECT_EQ(calls, 1u);

	auto again = source.lookup("250010123456789", hints);
	ASSERT_TRUE(again.has_value());
	EXPECT_EQ(again->profile, mts->profile) << "the same profile object, not a new load";
	EXPECT_EQ(calls, 1u);
	EXPECT_EQ(source.loads(), 1u);
}

TEST(ProviderSource, sharedNetworkIsAmbiguousWithoutProfile)
{
	unsigned calls = 0;
	ProviderSource source(CountingLoader{ &calls });
	auto shared = source.lookup("262070000000001", {});
	ASSERT_TRUE(shared.has_value());
	EXPECT_TRUE(shared->ambiguous);
	EXPECT_EQ(shared->profile, nullptr);
	EXPECT_EQ(shared->network, "262-07");
}

TEST(ProviderSource, unknownNetworkAndMissingDatabaseAreNoMatch)
{
	unsigned calls = 0;
	ProviderSource source(CountingLoader{ &calls });
	EXPECT_FALSE(source.lookup("999990000000001", {}).has_value());
	ProviderSource none([] { return std::optional<ProviderDb>{}; });
	EXPECT_FALSE(none.lookup("250010123456789", {}).has_value());
}

} // namespace
} // namespace zanryo
