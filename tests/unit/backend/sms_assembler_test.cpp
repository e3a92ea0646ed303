// SmsAssembler: concatenated SMS (TS 23.040 §9.2.3.24.1) in any order, duplicates,
// missing parts, restart persistence, and the sender filter against spoofed replies.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "libmodem/backend/sms_assembler.hpp"

namespace zanryo {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

const Clock::time_point kT0 = Clock::time_point(std::chrono::seconds(1'800'000'000));

SmsPart part(std::string sender, std::uint16_t ref, std::uint8_t total, std::uint8_t seq,
	     std::string text, Clock::duration at = 0s)
{
	SmsPart p;
	p.sender = std::move(sender);
	p.ref = ref;
	p.total = total;
	p.seq = seq;
	p.text = std::move(text);
	p.timestamp = "2026-11-22T09:15:00+09:00";
	p.received = kT0 + at;
	return p;
}

struct AssemblyCase {
	const char *name;
	std::vector<SmsPart> parts;
	/// Texts delivered, in order, after all parts were added (before any expiry).
	std::vector<std::string> delivered;
	std::size_t pendingAfter;
};

class SmsAssemblyTest : public ::testing::TestWithParam<AssemblyCase>
{
};

TEST_P(SmsAssemblyTest, deliversEachMessageOnce)
{
	SmsAssembler a({});
	std::vector<std::string> texts;
	for (const auto &p : GetParam().parts)
		for (const auto &m : a.add(p)) {
			EXPECT_TRUE(m.complete);
			texts.push_back(m.text);
		}
	EXPECT_EQ(texts, GetParam().delivered);
	EXPECT_EQ(a.pendingCount(), GetParam().pendingAfter);
}

INSTANTIATE_TEST_SUITE_P(
	Cases, SmsAssemblyTest,
	::testing::Values(
		AssemblyCase{ "singlePart", { part("+819012345678", 0, 1, 1, "残りデータ 1.2GB") },
			      { "残りデータ 1.2GB" }, 0 },
		AssemblyCase{ "threePartsInOrder",
			      { part("3080", 7, 3, 1, "A"), part("3080", 7, 3, 2, "B"), part("3080", 7, 3, 3, "C") },
			      { "ABC" }, 0 },
		// Networks deliver parts in any order; the text follows the sequence numbers.
		AssemblyCase{ "threePartsOutOfOrder",
			      { part("3080", 7, 3, 3, "C"), part("3080", 7, 3, 1, "A"), part("3080", 7, 3, 2, "B") },
			      { "ABC" }, 0 },
		// A retransmitted part (or a storage re-read) delivers nothing twice.
		AssemblyCase{ "duplicatePartIgnored",
			      { part("3080", 7, 2, 1, "A"), part("3080", 7, 2, 1, "A"), part("3080", 7, 2, 2, "B"),
				part("3080", 7, 2, 2, "B") },
			      { "AB" }, 1 },
		// Same reference from two senders: two messages, never mixed.
		AssemblyCase{ "sameRefOtherSender",
			      { part("3080", 7, 2, 1, "A"), part("+819099999999", 7, 2, 2, "x"),
				part("3080", 7, 2, 2, "B") },
			      { "AB" }, 1 },
		// §9.2.3.24.1: seq 0 or above total makes the IE invalid: a message of its own.
		AssemblyCase{ "invalidSeqReadAsSingle", { part("3080", 9, 2, 5, "odd") }, { "odd" }, 0 },
		AssemblyCase{ "missingPartStaysPending", { part("3080", 7, 3, 1, "A"), part("3080", 7, 3, 3, "C") },
			      {}, 1 }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

TEST(SmsAssembler, duplicateAfterCompletionStartsNoGhost)
{
	// After "AB" was delivered, the last part arriving again is a new pending message
	// of one part; it must not be delivered as complete.
	SmsAssembler a({});
	ASSERT_TRUE(a.add(part("3080", 7, 2, 1, "A")).empty());
	ASSERT_EQ(a.add(part("3080", 7, 2, 2, "B")).size(), 1u);
	EXPECT_TRUE(a.add(part("3080", 7, 2, 2, "B")).empty());
	EXPECT_EQ(a.pendingCount(), 1u);
}

TEST(SmsAssembler, missingPartsExpireMarkedIncomplete)
{
	SmsAssembler a({ .partTimeout = 60s, .maxPending = 64 });
	EXPECT_TRUE(a.add(part("3080", 7, 3, 1, "Data left: ")).empty());
	EXPECT_TRUE(a.add(part("3080", 7, 3, 3, " until 30 Nov", 5s)).empty());
	ASSERT_TRUE(a.nextExpiry());
	EXPECT_EQ(*a.nextExpiry(), kT0 + 60s);
	EXPECT_TRUE(a.expire(kT0 + 59s).empty());
	auto out = a.expire(kT0 + 60s);
	ASSERT_EQ(out.size(), 1u);
	EXPECT_FALSE(out[0].complete);
	EXPECT_EQ(out[0].partsReceived, 2u);
	EXPECT_EQ(out[0].partsTotal, 3u);
	EXPECT_EQ(out[0].text, "Data left:  until 30 Nov");
	EXPECT_EQ(out[0].received, kT0 + 5s);
	EXPECT_EQ(a.pendingCount(), 0u);
	EXPECT_FALSE(a.nextExpiry());
}

TEST(SmsAssembler, overflowDeliversTheOldestIncomplete)
{
	SmsAssembler a({ .partTimeout = 300s, .maxPending = 2 });
	EXPECT_TRUE(a.add(part("3080", 1, 2, 1, "old", 0s)).empty());
	EXPECT_TRUE(a.add(part("3080", 2, 2, 1, "mid", 1s)).empty());
	auto out = a.add(part("3080", 3, 2, 1, "new", 2s));
	ASSERT_EQ(out.size(), 1u);
	EXPECT_EQ(out[0].text, "old");
	EXPECT_FALSE(out[0].complete);
	EXPECT_EQ(a.pendingCount(), 2u);
}

class SmsStoreTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		char tmpl[] = "/tmp/zanryo-sms-store-XXXXXX";
		dir = ::mkdtemp(tmpl);
	}
	void TearDown() override { std::filesystem::remove_all(dir); }
	std::filesystem::path dir;
};

TEST_F(SmsStoreTest, partsSurviveARestart)
{
	{
		FileSmsPartStore store(dir);
		SmsAssembler a({}, &store);
		EXPECT_TRUE(a.add(part("+819012345678", 300, 3, 2, "は1.2GBです。", 1s)).empty());
		EXPECT_TRUE(a.add(part("+819012345678", 300, 3, 1, "データ残量", 0s)).empty());
		EXPECT_TRUE(a.storeErrors().empty());
	}
	// One file per pending message, no temporary file left behind.
	std::vector<std::string> names;
	for (const auto &e : std::filesystem::directory_iterator(dir))
		names.push_back(e.path().filename().string());
	ASSERT_EQ(names.size(), 1u);
	EXPECT_EQ(std::filesystem::path(names[0]).extension(), ".parts");

	// The daemon restarts; the last part arrives.
	FileSmsPartStore store(dir);
	SmsAssembler b({}, &store);
	EXPECT_TRUE(b.restore().empty());
	EXPECT_EQ(b.pendingCount(), 1u);
	auto out = b.add(part("+819012345678", 300, 3, 3, "(11/30まで)", 10s));
	ASSERT_EQ(out.size(), 1u);
	EXPECT_TRUE(out[0].complete);
	EXPECT_EQ(out[0].text, "データ残量は1.2GBです。(11/30まで)");
	EXPECT_EQ(out[0].timestamp, "2026-11-22T09:15:00+09:00");
	// Delivered: the file is gone.
	EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST_F(SmsStoreTest, restoredPartsKeepTheirAgeAndExpire)
{
	{
		FileSmsPartStore store(dir);
		SmsAssembler a({ .partTimeout = 60s, .maxPending = 64 }, &store);
		(void)a.add(part("3080", 5, 2, 1, "half", 0s));
	}
	FileSmsPartStore store(dir);
	SmsAssembler b({ .partTimeout = 60s, .maxPending = 64 }, &store);
	EXPECT_TRUE(b.restore().empty());
	auto out = b.expire(kT0 + 61s);
	ASSERT_EQ(out.size(), 1u);
	EXPECT_EQ(out[0].text, "half");
	EXPECT_FALSE(out[0].complete);
	EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST_F(SmsStoreTest, corruptFileIsReportedAndSkipped)
{
	{
		std::ofstream(dir / "sms-33303830-5-2.parts") << "zanryo-sms-parts 1\nnot\tenough\n";
		std::ofstream(dir / "other.parts") << "something else\n";
	}
	FileSmsPartStore store(dir);
	SmsAssembler a({}, &store);
	auto warnings = a.restore();
	EXPECT_EQ(warnings.size(), 2u);
	EXPECT_EQ(a.pendingCount(), 0u);
}

TEST(SmsPartFile, roundTripsEveryField)
{
	SmsPart p = part("Rakuten", 0xBEEF, 4, 3, "tab\there\nnewline", 42s);
	p.storageIndex = 17;
	auto parsed = FileSmsPartStore::parse(FileSmsPartStore::serialize({ p }));
	ASSERT_TRUE(parsed.ok()) << parsed.error().message();
	ASSERT_EQ(parsed->size(), 1u);
	EXPECT_EQ((*parsed)[0], p);
}

TEST(SmsPartFile, aLenientlyDecodedPartKeepsItsDamageAndIntactPartsKeepTheOldLayout)
{
	SmsPart intact = part("3080", 7, 2, 1, "残高");
	std::string text = FileSmsPartStore::serialize({ intact });
	EXPECT_EQ(std::count(text.begin(), text.end(), '\t'), 7) << "eight fields, as older zanryod wrote them";
	SmsPart damaged = part("3080", 7, 2, 2, "は1.2GB");
	damaged.damaged = "user data shorter than TP-UDL";
	auto parsed = FileSmsPartStore::parse(FileSmsPartStore::serialize({ intact, damaged }));
	ASSERT_TRUE(parsed.ok()) << parsed.error().message();
	ASSERT_EQ(parsed->size(), 2u);
	EXPECT_EQ((*parsed)[0], intact);
	EXPECT_EQ((*parsed)[1], damaged);
}

TEST(SmsAssembler, damageOfAPartIsNamedInTheMessage)
{
	SmsAssembler a({});
	SmsPart single = part("3080", 0, 1, 1, "Balance 5 EUR");
	single.damaged = "time stamp with non-decimal digits";
	auto one = a.add(single);
	ASSERT_EQ(one.size(), 1u);
	EXPECT_EQ(one[0].damaged, "time stamp with non-decimal digits");

	SmsPart first = part("3080", 9, 2, 1, "Balance ");
	SmsPart second = part("3080", 9, 2, 2, "5 EUR");
	second.damaged = "user data shorter than TP-UDL";
	EXPECT_TRUE(a.add(first).empty());
	auto joined = a.add(second);
	ASSERT_EQ(joined.size(), 1u);
	EXPECT_EQ(joined[0].text, "Balance 5 EUR");
	EXPECT_EQ(joined[0].damaged, "part 2: user data shorter than TP-UDL");

	auto clean = a.add(part("3080", 0, 1, 1, "Balance 6 EUR"));
	ASSERT_EQ(clean.size(), 1u);
	EXPECT_EQ(clean[0].damaged, "");
}

TEST(SmsPartFile, badInputIsAnErrorNamingTheOffset)
{
	struct Case {
		const char *name;
		std::string text;
		Errc code;
	} cases[] = {
		{ "empty", "", Errc::Truncated },
		{ "wrongMagic", "zanryo-sms-parts 9\n", Errc::Malformed },
		{ "noFinalNewline", "zanryo-sms-parts 1\n41\t1\t2\t1\t0\t-1\t\t41", Errc::Truncated },
		{ "seqAboveTotal", "zanryo-sms-parts 1\n41\t1\t2\t3\t0\t-1\t\t41\n", Errc::InvalidValue },
		{ "badHex", "zanryo-sms-parts 1\n4G\t1\t2\t1\t0\t-1\t\t41\n", Errc::InvalidValue },
	};
	for (const auto &c : cases) {
		auto r = FileSmsPartStore::parse(c.text);
		ASSERT_FALSE(r.ok()) << c.name;
		EXPECT_EQ(r.error().code, make_error_code(c.code)) << c.name;
	}
}

struct SenderCase {
	const char *name;
	const char *expected;
	const char *actual;
	bool matches;
};

class SenderMatchTest : public ::testing::TestWithParam<SenderCase>
{
};

TEST_P(SenderMatchTest, normalisesOnlyWhatIsTheSameNumber)
{
	EXPECT_EQ(senderMatches(GetParam().expected, GetParam().actual), GetParam().matches);
}

INSTANTIATE_TEST_SUITE_P(
	Cases, SenderMatchTest,
	::testing::Values(
		SenderCase{ "sameShortCode", "3080", "3080", true },
		SenderCase{ "otherShortCode", "3080", "3081", false },
		// A short code never matches by suffix: "+813080" is not the carrier's 3080.
		SenderCase{ "shortCodeNoSuffixMatch", "3080", "+813080", false },
		SenderCase{ "plusAndDoubleZero", "+819012345678", "00819012345678", true },
		// Japan: 090-1234-5678 nationally, +81 90 1234 5678 internationally.
		SenderCase{ "nationalTrunkZeroVsInternational", "09012345678", "+819012345678", true },
		SenderCase{ "internationalVsNationalWithBlanks", "+81 90-1234-5678", "090 1234 5678", true },
		// A spoofed number in another country with the same subscriber digits.
		SenderCase{ "otherCountrySameDigits", "+819012345678", "+449012345678", false },
		SenderCase{ "countryCodeTooLong", "09012345678", "+12349012345678", false },
		SenderCase{ "alphanumericCaseInsensitive", "Rakuten", "RAKUTEN", true },
		SenderCase{ "alphanumericDifferent", "Rakuten", "Rakuten1", false },
		SenderCase{ "alphanumericVsNumber", "Rakuten", "3080", false },
		SenderCase{ "emptyNeverMatches", "", "", false },
		SenderCase{ "garbageNeverMatches", "+81x", "+81x", false }),
	[](const auto &paramInfo) { return std::string(paramInfo.param.name); });

} /* namespace */
} /* namespace zanryo */
