// zanryoctl parse as users run it: the provider lookup of --mcc-mnc (MBPI and the shipped
// overlays) and the carrier-notice fields, asserted on the JSON it prints.

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/sim_modem.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

nlohmann::json parse(std::vector<std::string> args)
{
	args.insert(args.begin(), "parse");
	Process::Result r = Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), args, 30s);
	EXPECT_EQ(r.exitCode, 0) << r.err;
	return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

TEST(ZanryoctlParse, mccMncOfOneProviderAppliesItsRule)
{
	nlohmann::json j = parse({ "--mcc-mnc", "250-01", "--at", "2021-08-24T12:00:00+03:00", "Баланс:2220,76р" });
	EXPECT_EQ(j["matchedRule"], "ru-mts-balance");
	EXPECT_EQ(j["money"]["amount"], "2220.76");
	EXPECT_EQ(j["money"]["currency"], "RUB");
	EXPECT_EQ(j["provider"]["status"], "unique");
	EXPECT_EQ(j["provider"]["country"], "RU");
	EXPECT_EQ(j["provider"]["replyRules"], nlohmann::json::array({ "ru-mts-balance" }));
}

TEST(ZanryoctlParse, sharedMccMncSaysSoAndUsesOnlyTheCountry)
{
	nlohmann::json j = parse({ "--mcc-mnc", "440-10", "データ量残り500MBのお知らせ" });
	EXPECT_EQ(j["provider"]["status"], "ambiguous");
	EXPECT_EQ(j["provider"]["country"], "JP");
	EXPECT_GE(j["provider"]["candidates"].size(), 2u);
	EXPECT_TRUE(j["provider"]["replyRules"].empty());
	EXPECT_TRUE(j["provider"].contains("note"));
	EXPECT_EQ(j["matchedRule"], "generic");
	EXPECT_EQ(j["dataRemaining"], 524288000);
}

TEST(ZanryoctlParse, providerNamePicksAmongShared)
{
	nlohmann::json j = parse({ "--mcc-mnc", "440-10", "--provider", "docomo", "データ量残り500MBのお知らせ" });
	EXPECT_EQ(j["provider"]["status"], "by-name");
	EXPECT_EQ(j["matchedRule"], "jp-docomo-data-notice");
}

TEST(ZanryoctlParse, noticeFieldsAreInTheJson)
{
	nlohmann::json j = parse({ "--country", "DE",
				   "Ihr monatliches Datenvolumen ist verbraucht und Sie surfen bis Ende des "
				   "Abrechnungsintervalls mit reduzierter Geschwindigkeit" });
	EXPECT_EQ(j["dataExhausted"], true);
	EXPECT_EQ(j["throttled"], true);
	EXPECT_EQ(j["dataLow"], false);
	EXPECT_TRUE(j["dataUsedPercent"].is_null());
	EXPECT_EQ(j["dataRemaining"], 0);

	nlohmann::json pct = parse({ "--country", "GB", "You've used 80% of your data allowance." });
	EXPECT_EQ(pct["dataUsedPercent"], 80);
	EXPECT_EQ(pct["dataExhausted"], false);
}

TEST(ZanryoctlParse, badMccMncIsAUsageError)
{
	Process::Result r = Process::run(binaryPath("dbus/zanryoctl/zanryoctl"),
					 { "parse", "--mcc-mnc", "44x", "text" }, 30s);
	EXPECT_EQ(r.exitCode, 2);
	EXPECT_NE(r.err.find("not MCC-MNC"), std::string::npos) << r.err;
}

} /* namespace */
} /* namespace zanryo::test */
