// AtModem pieces that need no simulator: +CUSD decoding per quirk row, and the USSD
// session bookkeeping against a pty where the test plays the modem.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "libmodem/backend/at_modem.hpp"
#include "pty_modem.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

struct CusdCase {
	const char *name;
	const char *line;
	CusdPayloadHint hint;
	UssdStatus status;
	const char *text;
	int dcs;
};

class DecodeCusdTest : public ::testing::TestWithParam<CusdCase>
{
};

TEST_P(DecodeCusdTest, readsTheLineAsTheModemWritesIt)
{
	const CusdCase &c = GetParam();
	auto r = AtModem::decodeCusd(c.line, TeCharset::Gsm, c.hint);
	ASSERT_TRUE(r.ok()) << r.error().message();
	EXPECT_EQ(r->status, c.status);
	EXPECT_EQ(r->text, c.text);
	EXPECT_EQ(r->dcs, c.dcs);
	EXPECT_EQ(r->raw, c.line);
}

INSTANTIATE_TEST_SUITE_P(
	Lines, DecodeCusdTest,
	::testing::Values(
		// TS 27.007 §7.15: text in the TE charset, DCS 15.
		CusdCase{ "plainMenu", "+CUSD: 1,\"1. Balance\",15", CusdPayloadHint::ByDcs,
			  UssdStatus::ActionRequired, "1. Balance", 15 },
		// Huawei E3372 stick firmware: packed GSM 7-bit hex ("*100#" packs to AA180C3602).
		CusdCase{ "huaweiPackedHex", "+CUSD: 0,\"AA180C3602\",15", CusdPayloadHint::PackedGsm7Hex,
			  UssdStatus::Done, "*100#", 15 },
		// ZTE MF286D: UCS-2 hex whatever the DCS says.
		CusdCase{ "zteUcs2HexWithGsmDcs", "+CUSD: 0,\"00420061006C\",15", CusdPayloadHint::Ucs2Hex,
			  UssdStatus::Done, "Bal", 15 },
		// Japanese networks: no USSD, no text.
		CusdCase{ "notSupportedNoText", "+CUSD: 4", CusdPayloadHint::ByDcs, UssdStatus::NotSupported,
			  "", -1 },
		CusdCase{ "terminatedByNetwork", "+CUSD: 2", CusdPayloadHint::ByDcs, UssdStatus::Terminated,
			  "", -1 }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST(DecodeCusd, malformedLineIsAnError)
{
	EXPECT_FALSE(AtModem::decodeCusd("+CUSD: 9,\"x\",15", TeCharset::Gsm, CusdPayloadHint::ByDcs).ok());
	EXPECT_FALSE(AtModem::decodeCusd("+CUSD: 0,\"unterminated", TeCharset::Gsm, CusdPayloadHint::ByDcs).ok());
}

class AtModemPtyTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		modem = std::make_unique<test::PtyModem>(io);
		modem->onCommand = [this](const std::string &line, char) {
			if (line.rfind("AT+CUSD=1", 0) == 0) {
				// No network delay: the +CUSD comes before the OK.
				modem->reply("\r\n+CUSD: " + cusdStatus + ",\"Balance 100 JPY\",15\r\n\r\nOK\r\n");
				return;
			}
			if (line == "AT+CUSD=2")
				++cancels;
			modem->reply("\r\nOK\r\n");
		};
		at = AtModem::create(io.get_executor(), modem->path());
		auto r = test::runFor(io, at->open());
		ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "");
	}
	void TearDown() override
	{
		asio::co_spawn(io, at->close(), [](std::exception_ptr) {});
		io.poll();
	}

	asio::io_context io;
	std::unique_ptr<test::PtyModem> modem;
	std::shared_ptr<AtModem> at;
	std::string cusdStatus = "0";
	int cancels = 0;
};

TEST_F(AtModemPtyTest, cusdBeforeOkClosesTheSession)
{
	for (int i = 0; i < 3; ++i) {
		auto r = test::runFor(io, at->ussdInitiate("*100#", 2s));
		ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "");
		EXPECT_EQ((*r)->status, UssdStatus::Done);
		EXPECT_EQ((*r)->text, "Balance 100 JPY");
	}
}

TEST_F(AtModemPtyTest, openMenuMakesTheNextInitiateBusy)
{
	cusdStatus = "1";
	auto menu = test::runFor(io, at->ussdInitiate("*101#", 2s));
	ASSERT_TRUE(menu && menu->ok()) << (menu ? menu->error().message() : "");
	EXPECT_EQ((*menu)->status, UssdStatus::ActionRequired);
	auto busy = test::runFor(io, at->ussdInitiate("*100#", 2s));
	ASSERT_TRUE(busy && !busy->ok());
	EXPECT_EQ(busy->error().code, make_error_code(Errc::Busy));
	auto cancelled = test::runFor(io, at->ussdCancel());
	ASSERT_TRUE(cancelled && cancelled->ok());
	EXPECT_EQ(cancels, 1);
	cusdStatus = "0";
	auto after = test::runFor(io, at->ussdInitiate("*100#", 2s));
	ASSERT_TRUE(after && after->ok()) << (after ? after->error().message() : "");
}

} /* namespace */
} /* namespace zanryo */
