// zanryoctl's command line and units: options before or after the subcommand, the
// nearest command for a typo, bytes in binary or decimal prefixes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_args.hpp"
#include "units.hpp"

namespace zanryo::ctl {
namespace {

using Args = std::vector<std::string>;

struct HoistCase {
	const char *name;
	Args given;
	Args expected;
	std::string command;
	bool si;
};

class Hoist : public testing::TestWithParam<HoistCase>
{
};

TEST_P(Hoist, movesGlobalOptionsAfterTheSubcommand)
{
	const HoistCase &c = GetParam();
	HoistedArgs h = hoistGlobalOptions(c.given);
	EXPECT_EQ(h.args, c.expected);
	EXPECT_EQ(h.command, c.command);
	EXPECT_EQ(h.si, c.si);
}

INSTANTIATE_TEST_SUITE_P(
	Cases, Hoist,
	testing::Values(
		HoistCase{ "alreadyAfter", { "status", "--bus", "session", "--json" },
			   { "status", "--bus", "session", "--json" }, "status", false },
		HoistCase{ "busAndJsonBefore", { "--bus", "session", "--json", "status" },
			   { "status", "--bus", "session", "--json" }, "status", false },
		HoistCase{ "equalsFormsBefore", { "--bus=unix:path=/b", "--modem=home", "refresh" },
			   { "refresh", "--bus=unix:path=/b", "--modem=home" }, "refresh", false },
		HoistCase{ "deviceValueIsNoCommand", { "--device", "/dev/ttyUSB2", "--json", "ussd", "*100#" },
			   { "--device", "/dev/ttyUSB2", "ussd", "*100#", "--json" }, "ussd", false },
		HoistCase{ "timeoutValueIsNoCommand", { "--timeout", "5", "--modem", "3f2a", "ussd", "*100#" },
			   { "--timeout", "5", "ussd", "*100#", "--modem", "3f2a" }, "ussd", false },
		HoistCase{ "beforeDoubleDash", { "--json", "parse", "--", "--json" }, { "parse", "--json", "--", "--json" },
			   "parse", false },
		HoistCase{ "siAnywhere", { "--si", "status", "--si" }, { "status" }, "status", true },
		HoistCase{ "siAfterDoubleDashIsText", { "parse", "--", "--si" }, { "parse", "--", "--si" }, "parse", false },
		HoistCase{ "noCommand", { "--help" }, { "--help" }, "", false },
		HoistCase{ "nestedCommand", { "--json", "sms", "list" }, { "sms", "list", "--json" }, "sms", false }),
	[](const testing::TestParamInfo<HoistCase> &i) { return std::string(i.param.name); });

struct NearCase {
	const char *name;
	const char *word;
	const char *expected;  ///< "" for none
};

class Nearest : public testing::TestWithParam<NearCase>
{
};

TEST_P(Nearest, suggestsWhatWasMeant)
{
	const std::vector<std::string> commands = { "status", "refresh", "watch", "history", "ussd", "ussd-respond",
						    "ussd-cancel", "sms", "parse", "provider", "decode", "encode", "info" };
	auto near = nearestCommand(GetParam().word, commands);
	EXPECT_EQ(near.value_or(""), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
	Cases, Nearest,
	testing::Values(NearCase{ "swappedLetters", "stauts", "status" }, NearCase{ "missingLetter", "refrsh", "refresh" },
			NearCase{ "extraLetter", "histoory", "history" }, NearCase{ "uniquePrefix", "hist", "history" },
			NearCase{ "shortWordOneEdit", "wach", "watch" }, NearCase{ "ambiguousPrefixFallsBackToDistance", "uss", "ussd" },
			NearCase{ "nothingClose", "frobnicate", "" }, NearCase{ "shortWordTwoEditsIsTooFar", "sxx", "" }),
	[](const testing::TestParamInfo<NearCase> &i) { return std::string(i.param.name); });

struct BytesCase {
	const char *name;
	std::uint64_t bytes;
	ByteUnits units;
	const char *expected;
};

class Bytes : public testing::TestWithParam<BytesCase>
{
};

TEST_P(Bytes, areLabelledWithTheirPrefix)
{
	EXPECT_EQ(formatBytes(GetParam().bytes, GetParam().units), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
	Cases, Bytes,
	testing::Values(BytesCase{ "zero", 0, ByteUnits::Binary, "0 B" },
			BytesCase{ "belowOneKibibyte", 1023, ByteUnits::Binary, "1023 B" },
			BytesCase{ "docomoNotice125Gib", 1342177280, ByteUnits::Binary, "1.25 GiB" },
			BytesCase{ "sameInDecimal", 1342177280, ByteUnits::Decimal, "1.34 GB" },
			BytesCase{ "fiveHundredMebibytes", 500ull << 20, ByteUnits::Binary, "500.00 MiB" },
			BytesCase{ "decimalKilobyte", 1500, ByteUnits::Decimal, "1.50 kB" },
			BytesCase{ "binaryKibibyte", 1536, ByteUnits::Binary, "1.50 KiB" },
			BytesCase{ "tebibytes", 3ull << 40, ByteUnits::Binary, "3.00 TiB" }),
	[](const testing::TestParamInfo<BytesCase> &i) { return std::string(i.param.name); });

TEST(Times, carryTheirZone)
{
	const char *old = std::getenv("TZ");
	std::string saved = old ? old : "";
	::setenv("TZ", "Asia/Tokyo", 1);
	::tzset();
	EXPECT_EQ(localDateTime(1796083200), "2026-12-01 09:00:00 JST");
	EXPECT_EQ(isoLocal(1796083200), "2026-12-01T09:00:00+09:00");
	EXPECT_EQ(utcDate(1796083200), "2026-12-01") << "expiry dates are UTC dates";
	if (old)
		::setenv("TZ", saved.c_str(), 1);
	else
		::unsetenv("TZ");
	::tzset();
}

} /* namespace */
} /* namespace zanryo::ctl */
