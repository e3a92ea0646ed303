// Quirk table lookup: each row is found by what real modems answer to +CGMI/+CGMM.

#include <string>

#include <gtest/gtest.h>

#include "libmodem/backend/quirks.hpp"

namespace zanryo {
namespace {

struct QuirkCase {
	const char *name;
	const char *cgmi;
	const char *cgmm;
	const char *device;  ///< the row expected, by its device text
	UssdRequestEncoding ussd;
	CusdPayloadHint cusd;
	const char *iccid;
};

class QuirkLookupTest : public ::testing::TestWithParam<QuirkCase>
{
};

TEST_P(QuirkLookupTest, findsTheRow)
{
	const QuirkCase &c = GetParam();
	const ModemQuirks &q = lookupQuirks(c.cgmi, c.cgmm);
	EXPECT_EQ(q.device, c.device);
	EXPECT_EQ(q.ussdRequest, c.ussd);
	EXPECT_EQ(q.cusdPayload, c.cusd);
	EXPECT_EQ(q.iccidCommand, c.iccid);
}

INSTANTIATE_TEST_SUITE_P(
	Modems, QuirkLookupTest,
	::testing::Values(
		QuirkCase{ "huaweiE3372", "huawei", "E3372", "Huawei E3372/E173/E1550/E352 (stick firmware)",
			   UssdRequestEncoding::Gsm7PackedHex, CusdPayloadHint::PackedGsm7Hex, "AT^ICCID?" },
		QuirkCase{ "huaweiE173UpperCase", "HUAWEI", "E173", "Huawei E3372/E173/E1550/E352 (stick firmware)",
			   UssdRequestEncoding::Gsm7PackedHex, CusdPayloadHint::PackedGsm7Hex, "AT^ICCID?" },
		QuirkCase{ "huaweiME909s", "Huawei Technologies Co., Ltd.", "ME909s-120",
			   "Huawei ME909/MU709/ME906 (modules)", UssdRequestEncoding::Plain,
			   CusdPayloadHint::ByDcs, "AT^ICCID?" },
		QuirkCase{ "quectelEC25", "Quectel", "EC25", "Quectel EC25/EG25/EC21/EP06/EM06",
			   UssdRequestEncoding::Plain, CusdPayloadHint::ByDcs, "AT+QCCID" },
		QuirkCase{ "simcomSim7600", "SIMCOM INCORPORATED", "SIMCOM_SIM7600E-H", "SIMCom SIM7600",
			   UssdRequestEncoding::Plain, CusdPayloadHint::ByDcs, "AT+CICCID" },
		QuirkCase{ "zteMf823", "ZTE CORPORATION", "MF823", "ZTE MF823/MF286D",
			   UssdRequestEncoding::Plain, CusdPayloadHint::Ucs2Hex, "AT+ZGETICCID" },
		QuirkCase{ "sierraMc7455", "Sierra Wireless, Incorporated", "MC7455",
			   "Sierra Wireless MC7455/EM7455/MC7430", UssdRequestEncoding::Plain,
			   CusdPayloadHint::ByDcs, "AT!ICCID?" },
		// Unknown devices get the 3GPP behaviour.
		QuirkCase{ "unknownFallsBackToGeneric", "Telit", "LE910C4-EU", "generic 3GPP modem",
			   UssdRequestEncoding::Plain, CusdPayloadHint::ByDcs, "AT+CCID" },
		QuirkCase{ "huaweiUnknownModelIsGeneric", "huawei", "K5150", "generic 3GPP modem",
			   UssdRequestEncoding::Plain, CusdPayloadHint::ByDcs, "AT+CCID" },
		QuirkCase{ "emptyIdentity", "", "", "generic 3GPP modem", UssdRequestEncoding::Plain,
			   CusdPayloadHint::ByDcs, "AT+CCID" }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST(QuirkTable, everyRowNamesItsDeviceAndHasAValidRegex)
{
	for (const QuirkRow &row : quirkTable()) {
		EXPECT_FALSE(row.quirks.device.empty());
		EXPECT_NE(row.quirks.device, "generic 3GPP modem");
		EXPECT_FALSE(row.manufacturer.empty());
		EXPECT_EQ(row.quirks.iccidCommand.substr(0, 2), "AT");
		EXPECT_EQ(row.quirks.cnmi.substr(0, 8), "AT+CNMI=");
	}
}

} /* namespace */
} /* namespace zanryo */
