// SMS over QMI WMS: QmiModem (real libqmi-glib 1.32) against zanryo-qmi-sim, whose
// carrier side is the scenario's [[sms_reply]] services and [[notice]] messages.
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

#include "support/qmi_rig.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

const char *const kJpReply = "【データ残量】\n今月の残りデータ量は1."
			     "25GBです。\n有効期限：2026年12月31日\nご利用ありがとうございます。"
			     "追加チャージはマイページから。";

nlohmann::json status(QmiSim &sim)
{
	return nlohmann::json::parse(sim.control("status"));
}

/// The next message from \a sender with \a parts parts: the jp-mvno carrier notice comes
/// from the same number, possibly before the keyword reply.
Result<SmsMessage> waitForParts(Rig &rig, const std::string &sender, unsigned parts,
				std::chrono::system_clock::time_point since)
{
	for (int i = 0; i < 4; ++i) {
		auto m = run(rig.io,
			     rig.modem->waitSms({ .senders = { sender }, .since = since }, 15s));
		if (!m || m->partsTotal == parts)
			return m;
	}
	return makeError(Errc::NotFound, "no message with that many parts");
}

// jp-mvno.toml: "残高" to 00000 comes back as three UCS-2 parts in shuffled order; a spoof
// from another number that says the same kind of thing arrives first.
TEST(QmiSms, jpMvnoKeywordReplyReassembledAndSpoofFilteredOut)
{
	Rig rig("jp-mvno");
	auto since = std::chrono::system_clock::now();
	ASSERT_EQ(rig.sim.control("deliver-sms +819099999999 残りデータ量は99GBです"), "ok");
	auto sent = run(rig.io, rig.modem->sendSms("00000", "残高"));
	ASSERT_TRUE(sent) << sent.error().message() << "\n" << rig.sim.log();
	EXPECT_EQ(sent->messageRefs.size(), 1u);

	auto reply = waitForParts(rig, "00000", 3, since);
	ASSERT_TRUE(reply) << reply.error().message() << "\n" << rig.sim.log();
	EXPECT_EQ(reply->sender, "00000");
	EXPECT_TRUE(reply->complete);
	EXPECT_EQ(reply->partsReceived, 3u);
	EXPECT_EQ(reply->text, kJpReply);

	// The spoof did reach the modem: the sender filter is what kept it out.
	auto spoof = run(
		rig.io, rig.modem->waitSms({ .senders = { "+819099999999" }, .since = since }, 5s));
	ASSERT_TRUE(spoof) << spoof.error().message();
	EXPECT_EQ(spoof->text, "残りデータ量は99GBです");

	// Reading deleted nothing; deleteStoredSms() deletes the reply's three parts and
	// leaves the spoof (and whatever else came) stored.
	int stored = status(rig.sim)["sms_stored"];
	EXPECT_GE(stored, 4) << status(rig.sim);
	EXPECT_EQ(reply->storageIndexes.size(), 3u);
	auto deleted = run(rig.io, rig.modem->deleteStoredSms(reply->storageIndexes));
	EXPECT_TRUE(deleted) << deleted.error().message();
	EXPECT_EQ(status(rig.sim)["sms_stored"], stored - 3) << status(rig.sim);
	auto left = run(rig.io, rig.modem->listStoredSms());
	ASSERT_TRUE(left) << left.error().message();
	EXPECT_TRUE(std::any_of(left->begin(), left->end(),
				[](const SmsMessage &m) { return m.sender == "+819099999999"; }));
	EXPECT_EQ(status(rig.sim)["sms_routes_set"], true);
}

// The carrier notice of jp-mvno.toml ([[notice]] at 1.5 s) arrives by itself.
TEST(QmiSms, carrierNoticeArrivesWithoutAQuery)
{
	Rig rig("jp-mvno");
	auto notice = waitForParts(rig, "00000", 1, std::chrono::system_clock::time_point{});
	ASSERT_TRUE(notice) << notice.error().message();
	EXPECT_EQ(notice->text, "【お知らせ】今月のデータ残量が残り20%（1.25GB）になりました。");
}

TEST(QmiSms, longTextGoesOutInConcatenatedParts)
{
	Rig rig("generic-en");
	std::string text(200, 'x');
	auto sent = run(rig.io, rig.modem->sendSms("+447700900123", text));
	ASSERT_TRUE(sent) << sent.error().message();
	ASSERT_EQ(sent->messageRefs.size(), 2u); // 153 + 47 septets (TS 23.040 §9.2.3.24.1)
	EXPECT_NE(sent->messageRefs[0], sent->messageRefs[1]);
	EXPECT_EQ(status(rig.sim)["sms_sent"], 2);
}

// Messages that came while no client listened stay stored; listStoredSms() reads them,
// skips what does not decode, and leaves the storage as it is.
TEST(QmiSms, listStoredSmsReadsStorageAndLeavesIt)
{
	Rig rig("generic-en",
		{ "deliver-sms 12345 Your data balance is 3 GB", "store-sms-hex DEADBEEF" });
	ASSERT_EQ(status(rig.sim)["sms_stored"], 2);
	auto list = run(rig.io, rig.modem->listStoredSms());
	ASSERT_TRUE(list) << list.error().message();
	ASSERT_EQ(list->size(), 1u);
	EXPECT_EQ((*list)[0].sender, "12345");
	EXPECT_EQ((*list)[0].text, "Your data balance is 3 GB");
	EXPECT_EQ((*list)[0].storageIndexes, std::vector<int>{ 0 });
	EXPECT_EQ(status(rig.sim)["sms_stored"], 2);
}

// A firmware that announces garbage as a new message: nothing is delivered, and the next
// real message still is.
TEST(QmiSms, garbageMessageIsDroppedAndTheNextOneArrives)
{
	Rig rig("generic-en");
	auto since = std::chrono::system_clock::now();
	ASSERT_EQ(rig.sim.control("store-sms-hex 0791"), "ok");
	ASSERT_EQ(rig.sim.control("deliver-sms 12345 after the garbage"), "ok");
	auto m = run(rig.io, rig.modem->waitSms({ .senders = {}, .since = since }, 10s));
	ASSERT_TRUE(m) << m.error().message();
	EXPECT_EQ(m->text, "after the garbage");
}

// The network refuses the message: WmsCauseCode with the RP and TP causes in TLV 0x12.
TEST(QmiSms, networkRefusalKeepsTheWmsCauses)
{
	Rig rig("generic-en");
	ASSERT_EQ(rig.sim.control("sms-send-fail 21 176"),
		  "ok"); // transfer rejected, TPDU not supported
	auto sent = run(rig.io, rig.modem->sendSms("12345", "BALANCE"));
	ASSERT_FALSE(sent);
	EXPECT_TRUE(is(sent.error(), Errc::NetworkError)) << sent.error().message();
	EXPECT_NE(sent.error().what.find("WMS Raw Send: QMI protocol error: WmsCauseCode (54)"),
		  std::string::npos)
		<< sent.error().what;
	EXPECT_NE(sent.error().what.find("RP cause 21"), std::string::npos) << sent.error().what;
	EXPECT_NE(sent.error().what.find("TP cause 0xb0"), std::string::npos) << sent.error().what;
	ASSERT_EQ(rig.sim.control("sms-send-fail off"), "ok");
	auto again = run(rig.io, rig.modem->sendSms("12345", "BALANCE"));
	EXPECT_TRUE(again) << again.error().message();
}

TEST(QmiSms, waitSmsTimesOut)
{
	Rig rig("generic-en");
	auto m = run(rig.io,
		     rig.modem->waitSms({ .senders = { "00000" }, .since = std::nullopt }, 700ms));
	ASSERT_FALSE(m);
	EXPECT_TRUE(is(m.error(), Errc::Timeout)) << m.error().message();
	EXPECT_EQ(m.error().what, "no SMS from 00000 within 0.7 s");
}

TEST(QmiSms, noWmsServiceIsUnsupported)
{
	Rig rig("generic-en", { "wms off" });
	auto sent = run(rig.io, rig.modem->sendSms("12345", "BALANCE"));
	ASSERT_FALSE(sent);
	EXPECT_TRUE(is(sent.error(), Errc::Unsupported)) << sent.error().message();
	auto list = run(rig.io, rig.modem->listStoredSms());
	ASSERT_FALSE(list);
	EXPECT_TRUE(is(list.error(), Errc::Unsupported));
	// USSD does not need WMS.
	auto ussd = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	EXPECT_TRUE(ussd) << ussd.error().message();
}

} /* namespace */
} /* namespace zanryo::test */
