// gammu, an AT client nobody here wrote, against zanryo-modem-sim: if gammu can identify
// the modem, read USSD, send and list SMS, the simulator speaks AT the way modems do.
#include <filesystem>

#include "sim_test_helpers.hpp"

namespace zanryo::test {
namespace {

class GammuAgainstSim : public ::testing::Test
{
protected:
	void start(const std::string &scenario)
	{
		if (!hasGammu())
			GTEST_SKIP() << "gammu is not installed";
		sim_ = std::make_unique<SimModem>(scenario);
		rc_ = sim_->dir().write("gammurc", "[gammu]\ndevice = " + sim_->link() + "\nconnection = at\n");
	}

	static bool hasGammu()
	{
		for (const char *dir : { "/usr/bin", "/usr/local/bin", "/bin" }) {
			if (std::filesystem::exists(std::string(dir) + "/gammu"))
				return true;
		}
		return false;
	}

	Process::Result gammu(std::vector<std::string> args)
	{
		args.insert(args.begin(), { "-c", rc_ });
		// HOME in the temp dir: gammu must not read or write the user's configuration.
		Process::Options options;
		options.env = { "HOME=" + sim_->dir().path(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8" };
		return Process::run("gammu", args, std::chrono::seconds(60), options);
	}

	std::unique_ptr<SimModem> sim_;
	std::string rc_;
};

TEST_F(GammuAgainstSim, identify)
{
	start("huawei-e3372");
	auto r = gammu({ "identify" });
	EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
	EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(Manufacturer\s+: [Hh]uawei)"))) << r.out;
	EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(Model\s+: .*E3372)"))) << r.out;
	EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(IMEI\s+: 866000000000011)"))) << r.out;
	EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(SIM IMSI\s+: 262010123456789)"))) << r.out;
}

TEST_F(GammuAgainstSim, getussdEnglish)
{
	start("generic-en");
	auto r = gammu({ "getussd", "*100#" });
	EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
	EXPECT_NE(r.out.find("Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026."), std::string::npos)
		<< r.out;
	// gammu switches to UCS2 for the request; the simulator must have read it as *100#.
	EXPECT_TRUE(sim_->waitForLog(std::regex("USSD request \\*100#"), within(std::chrono::seconds(1))));
}

TEST_F(GammuAgainstSim, getussdCyrillic)
{
	start("ru-prepaid");
	auto r = gammu({ "getussd", "*100#" });
	EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
	EXPECT_NE(r.out.find("Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026"), std::string::npos) << r.out;
}

TEST_F(GammuAgainstSim, getussdNotSupportedInJapan)
{
	start("jp-mvno");
	auto r = gammu({ "getussd", "*100#" });
	EXPECT_NE(r.out.find("Not supported"), std::string::npos) << r.out << r.err;
}

TEST_F(GammuAgainstSim, sendsmsThenGetallsms)
{
	start("generic-en");
	auto sent = gammu({ "sendsms", "TEXT", "00000", "-text", "BALANCE" });
	EXPECT_EQ(sent.exitCode, 0) << sent.out << sent.err;
	EXPECT_NE(sim_->control("status").find("\"to\":\"00000\",\"text\":\"BALANCE\""), std::string::npos);
	ASSERT_TRUE(waitUntil([&] { return sim_->control("status").find("\"stored_sms\":1") != std::string::npos; },
			      within(std::chrono::seconds(10))));
	auto all = gammu({ "getallsms" });
	EXPECT_EQ(all.exitCode, 0) << all.out << all.err;
	EXPECT_NE(all.out.find("Balance 12.34 GBP. Data left: 2.5 GB, valid until 31/12/2026."), std::string::npos)
		<< all.out;
	EXPECT_NE(all.out.find("\"00000\""), std::string::npos) << all.out;
}

TEST_F(GammuAgainstSim, japaneseKeywordAndLinkedMultipartReply)
{
	start("jp-mvno");
	auto sent = gammu({ "sendsms", "TEXT", "00000", "-unicode", "-text", "残高" });
	EXPECT_EQ(sent.exitCode, 0) << sent.out << sent.err;
	// Notice + three parts of the reply.
	ASSERT_TRUE(waitUntil([&] { return sim_->control("status").find("\"stored_sms\":4") != std::string::npos; },
			      within(std::chrono::seconds(10))));
	// geteachsms links the parts of a concatenated message, whatever order they came in.
	auto each = gammu({ "geteachsms" });
	EXPECT_EQ(each.exitCode, 0) << each.out << each.err;
	EXPECT_NE(each.out.find("【データ残量】\n今月の残りデータ量は1.25GBです。\n有効期限：2026年12月31日"), std::string::npos)
		<< each.out;
	EXPECT_NE(each.out.find("今月のデータ残量が残り20%（1.25GB）になりました。"), std::string::npos) << each.out;
}

} /* namespace */
} /* namespace zanryo::test */
