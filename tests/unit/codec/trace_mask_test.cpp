// Masking of the AT dialogue (libmodem/codec/trace_mask.hpp) with lines as modems and
// the simulator write them.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "libmodem/codec/trace_mask.hpp"

namespace zanryo {
namespace {

struct Exchange {
	const char *name;
	std::vector<std::string> written;  ///< commands and payloads, in order
	std::string reply;                 ///< the line read after the last write
	std::string masked;                ///< what the trace shows of it
};

std::string run(const Exchange &e, AtTraceMasker &m)
{
	for (const auto &w : e.written)
		(void)m.outgoing(w);
	return m.incoming(e.reply);
}

class MaskedReply : public testing::TestWithParam<Exchange> {};

TEST_P(MaskedReply, shows)
{
	AtTraceMasker m;
	EXPECT_EQ(run(GetParam(), m), GetParam().masked);
}

const Exchange kReplies[] = {
	{ "imsiBare", { "AT+CIMI\r" }, "440100123456789", "44010xxxxxxxx89" },
	{ "imsiPrefixedQuectel", { "AT+CIMI\r" }, "+CIMI: 262010123456789", "+CIMI: 26201xxxxxxxx89" },
	{ "imeiBare", { "AT+CGSN\r" }, "867000000000005", "867000xxxxxxxxx" },
	{ "imeiQuotedSimcom", { "AT+CGSN=1\r" }, "+CGSN: \"350000000000006\"", "+CGSN: \"350000xxxxxxxxx\"" },
	{ "iccidCcid", { "AT+CCID\r" }, "+CCID: 8981100012345678901", "+CCID: 8981xxxxxxxxxxxxx01" },
	{ "iccidCcidBareSierra", { "AT+CCID\r" }, "8900101234567890123", "8900xxxxxxxxxxxxx23" },
	{ "iccidHuaweiWithFiller", { "AT^ICCID?\r" }, "^ICCID: 98491001214365870921",
	  "^ICCID: 9849xxxxxxxxxxxxxx21" },
	{ "iccidQuectel", { "AT+QCCID\r" }, "+QCCID: 89811000123456789012", "+QCCID: 8981xxxxxxxxxxxxxx12" },
	{ "iccidEfIccidRead", { "AT+CRSM=176,12258,0,0,10\r" }, "+CRSM: 144,0,\"98181100214365870911\"",
	  "+CRSM: 144,0,\"9818xxxxxxxxxxxxxx11\"" },
	{ "msisdnCnum", { "AT+CNUM\r" }, "+CNUM: \"\",\"+819012345678\",145", "+CNUM: \"\",\"+xxxxxxxxxx78\",145" },
	{ "msisdnCnumNational", { "AT+CNUM\r" }, "+CNUM: \"My number\",\"09012345678\",129",
	  "+CNUM: \"My number\",\"xxxxxxxxx78\",129" },
	{ "cmtTextModeHeader", {}, "+CMT: \"+819012345678\",,\"26/12/07,10:00:00+36\"",
	  "+CMT: \"+xxxxxxxxxx78\",,\"26/12/07,10:00:00+36\"" },
	{ "cmglTextModeHeader", { "AT+CMGL=\"ALL\"\r" }, "+CMGL: 1,\"REC UNREAD\",\"+819012345678\",,\"26/12/07,10:00:00+36\"",
	  "+CMGL: 1,\"REC UNREAD\",\"+xxxxxxxxxx78\",,\"26/12/07,10:00:00+36\"" },
	{ "cmgrShortCodeKept", { "AT+CMGR=3\r" }, "+CMGR: \"REC READ\",\"8888\",,\"26/12/07,10:00:00+36\"",
	  "+CMGR: \"REC READ\",\"8888\",,\"26/12/07,10:00:00+36\"" },
	// Wikipedia's DELIVER example: SMSC +27381000015, from 27838890001, "hellohello".
	{ "cmtPduDeliver", {}, "+CMT: ,38\n07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37",
	  "+CMT: ,38\n0791xxxxxxxx1xF5040BC8xxxxxxxx0xF10000993092516195800AE8329BFD4697D9EC37" },
	{ "cusdPlainTextWithNumber", { "AT+CUSD=1,\"*#100#\",15\r" },
	  "+CUSD: 0,\"Your number is +819012345678. Balance 1,250 JPY\",15",
	  "+CUSD: 0,\"Your number is +xxxxxxxxxx78. Balance 1,250 JPY\",15" },
	{ "cusdBalanceUntouched", { "AT+CUSD=1,\"*100#\",15\r" },
	  "+CUSD: 0,\"Balance 3.20GB, 1,250 JPY, valid until 2026-12-31\",15",
	  "+CUSD: 0,\"Balance 3.20GB, 1,250 JPY, valid until 2026-12-31\",15" },
	// "09012345678" in UCS-2 hex (+CSCS="UCS2"): nine of its digits become 'x' (0078).
	{ "cusdUcs2Number", { "AT+CUSD=1,\"*#100#\",15\r" },
	  "+CUSD: 0,\"00300039003000310032003300340035003600370038\",72",
	  "+CUSD: 0,\"00780078007800780078007800780078007800370038\",72" },
	// Huawei E3372 answers in packed GSM 7-bit hex: no digit to see, left as it is.
	{ "cusdPackedHexUntouched", { "AT+CUSD=1,\"AA180C3602\",15\r" }, "+CUSD: 0,\"C2303BEC1E97413D90\",15",
	  "+CUSD: 0,\"C2303BEC1E97413D90\",15" },
	{ "otherLongNumberInLine", {}, "+CLIP: \"09012345678\",129,,,,0", "+CLIP: \"xxxxxxxxx78\",129,,,,0" },
	{ "nextCommandEndsTheExpectation", { "AT+CIMI\r", "AT+CGMR\r" }, "12345", "12345" },
};

INSTANTIATE_TEST_SUITE_P(TraceMask, MaskedReply, testing::ValuesIn(kReplies),
			 [](const testing::TestParamInfo<Exchange> &i) { return std::string(i.param.name); });

TEST(TraceMask, pduListingMasksEachPdu)
{
	AtTraceMasker m;
	(void)m.outgoing("AT+CMGL=4\r");
	EXPECT_EQ(m.incoming("+CMGL: 0,1,,38"), "+CMGL: 0,1,,38");
	EXPECT_EQ(m.incoming("07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37"),
		  "0791xxxxxxxx1xF5040BC8xxxxxxxx0xF10000993092516195800AE8329BFD4697D9EC37");
	// A carrier's alphanumeric sender ("docomo" style, TON 5) is nobody's number.
	EXPECT_EQ(m.incoming("+CMGL: 1,1,,20"), "+CMGL: 1,1,,20");
	EXPECT_EQ(m.incoming("00040AD0E4F7186C060000621010110000000131"),
		  "00040AD0E4F7186C060000621010110000000131");
	EXPECT_EQ(m.incoming("OK"), "OK");
}

TEST(TraceMask, submitPayloadMasksTheDestination)
{
	AtTraceMasker m;
	EXPECT_EQ(m.outgoing("AT+CMGS=23\r"), "AT+CMGS=23\r");
	EXPECT_EQ(m.outgoing("0011000B918190214365F70000AA0AE8329BFD4697D9EC37\x1a"),
		  "0011000B91xxxxxxxx6xF70000AA0AE8329BFD4697D9EC37\x1a");
}

TEST(TraceMask, textModeSubmitMasksTheNumberNotTheKeyword)
{
	AtTraceMasker m;
	EXPECT_EQ(m.outgoing("AT+CMGS=\"+819012345678\"\r"), "AT+CMGS=\"+xxxxxxxxxx78\"\r");
	EXPECT_EQ(m.outgoing("BALANCE\x1a"), "BALANCE\x1a");
}

TEST(TraceMask, commandsWithNumbers)
{
	AtTraceMasker m;
	EXPECT_EQ(m.outgoing("ATD09012345678;\r"), "ATDxxxxxxxxx78;\r");
	EXPECT_EQ(m.outgoing("AT+CUSD=1,\"*100#\",15\r"), "AT+CUSD=1,\"*100#\",15\r");
	EXPECT_EQ(m.outgoing("AT+CUSD=1,\"*140*09012345678#\",15\r"), "AT+CUSD=1,\"*140*xxxxxxxxx78#\",15\r");
	// The echo (ATE1) of a command is masked like the command.
	EXPECT_EQ(m.incoming("AT+CMGS=\"+819012345678\""), "AT+CMGS=\"+xxxxxxxxxx78\"");
}

TEST(TraceMask, unwalkablePduIsMaskedWhole)
{
	EXPECT_EQ(maskSmsPdu("07917283"), "xxxxxxxx");  // SMSC longer than the PDU
	EXPECT_EQ(maskSmsPdu("0G"), "xx");
	EXPECT_EQ(maskSmsPdu("0007"), "xxxx");          // TP-MTI 3 is reserved
	EXPECT_EQ(maskSmsPdu("00040B91"), "xxxxxxxx");  // address cut short
}

TEST(TraceMask, identifierKinds)
{
	EXPECT_EQ(maskIdentifier("001010123456789", IdentifierKind::Imsi), "00101xxxxxxxx89");
	EXPECT_EQ(maskIdentifier("8900101234567890123", IdentifierKind::Iccid), "8900xxxxxxxxxxxxx23");
	EXPECT_EQ(maskIdentifier("350000000000006", IdentifierKind::Imei), "350000xxxxxxxxx");
	EXPECT_EQ(maskIdentifier("+81 90-1234-5678", IdentifierKind::PhoneNumber), "+xx xx-xxxx-xx78");
	// Short values: at least half of the digits, and at least one, are masked.
	EXPECT_EQ(maskIdentifier("1234", IdentifierKind::Imsi), "xx34");
	EXPECT_EQ(maskIdentifier("7", IdentifierKind::PhoneNumber), "x");
	EXPECT_EQ(maskIdentifier("", IdentifierKind::Iccid), "");
}

// Whatever the kind and length, the masked text never holds the identifier, and never
// more than half of its digits.
TEST(TraceMask, neverLeaksTheWholeIdentifier)
{
	std::mt19937 rng(13);
	for (IdentifierKind kind : { IdentifierKind::Imsi, IdentifierKind::Iccid, IdentifierKind::Imei,
				     IdentifierKind::PhoneNumber, IdentifierKind::Other }) {
		for (std::size_t len = 1; len <= 22; ++len) {
			std::string id;
			for (std::size_t i = 0; i < len; ++i)
				id.push_back(static_cast<char>('0' + rng() % 10));
			std::string masked = maskIdentifier(id, kind);
			ASSERT_EQ(masked.size(), id.size());
			EXPECT_NE(masked, id) << id;
			std::size_t kept = 0;
			for (char c : masked)
				kept += c != 'x';
			EXPECT_LE(kept, len / 2) << id << " -> " << masked;
			// A whole identifier in a reply line of any kind is masked too.
			AtTraceMasker m;
			if (len >= 10) {
				EXPECT_EQ(m.incoming("Your ID " + id).find(id), std::string::npos) << id;
			}
		}
	}
}

} /* namespace */
} /* namespace zanryo */
