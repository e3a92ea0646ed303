// Reads every published carrier reply in tests/data/replies/*.jsonl (format in its
// README.md) and measures how often the extractor reads what a careful human reads.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "libmodem/balance/extract.hpp"

namespace zanryo {
namespace {

struct Entry {
	std::string id, lang, country, text, receivedAt;
	nlohmann::json expect;
};

std::vector<Entry> loadCorpus()
{
	std::vector<Entry> out;
	std::filesystem::path dir = std::filesystem::path(ZANRYO_TEST_DATA_DIR) / "replies";
	if (!std::filesystem::exists(dir))
		return out;
	std::vector<std::filesystem::path> files;
	for (const auto &f : std::filesystem::directory_iterator(dir))
		if (f.path().extension() == ".jsonl")
			files.push_back(f.path());
	std::sort(files.begin(), files.end());
	for (const auto &f : files) {
		std::ifstream in(f);
		std::string line;
		while (std::getline(in, line)) {
			if (line.find_first_not_of(" \t\r") == std::string::npos)
				continue;
			nlohmann::json j = nlohmann::json::parse(line);
			Entry e;
			e.id = j.at("id").get<std::string>();
			e.lang = j.value("lang", "");
			e.country = j.at("country").is_string() ? j.at("country").get<std::string>() : "";
			e.text = j.at("text").get<std::string>();
			e.receivedAt = j.at("receivedAt").get<std::string>();
			e.expect = j.at("expect");
			out.push_back(std::move(e));
		}
	}
	return out;
}

// "2026-11-22T10:00:00+03:00" -> UTC instant and the offset in minutes.
bool parseTime(const std::string &s, std::chrono::sys_seconds &at, int &offsetMinutes)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0;
	char sign = '+';
	if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) != 6)
		return false;
	std::string tz = s.size() > 19 ? s.substr(19) : "Z";
	if (tz != "Z" && std::sscanf(tz.c_str(), "%c%d:%d", &sign, &oh, &om) != 3)
		return false;
	offsetMinutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
	using namespace std::chrono;
	sys_days day{ year{ y } / month{ static_cast<unsigned>(mo) } / std::chrono::day{ static_cast<unsigned>(d) } };
	at = sys_seconds{ day } + hours{ h } + minutes{ mi } + seconds{ sec } - minutes{ offsetMinutes };
	return true;
}

// Equal as numbers: "10.0" == "10.00".
bool sameDecimal(const std::string &a, const std::string &b)
{
	auto norm = [](std::string s) {
		bool neg = !s.empty() && s[0] == '-';
		if (neg)
			s.erase(0, 1);
		if (s.find('.') != std::string::npos) {
			while (!s.empty() && s.back() == '0')
				s.pop_back();
			if (!s.empty() && s.back() == '.')
				s.pop_back();
		}
		while (s.size() > 1 && s[0] == '0' && s[1] != '.')
			s.erase(0, 1);
		if (s == "0" || s.empty())
			neg = false;
		return (neg ? "-" : "") + s;
	};
	return norm(a) == norm(b);
}

struct Tally {
	int n = 0, money = 0, data = 0, expiry = 0, menu = 0, error = 0, notice = 0, notices = 0;
	int noticesRight = 0; ///< notice entries whose four notice fields are all right
};

// The carrier-notice fields (README: dataUsedPercent, dataExhausted, throttled, dataLow;
// absent = null / false): "" when all agree, else what differs.
std::string noticeMismatch(const Balance &b, const nlohmann::json &x)
{
	std::string why;
	auto flag = [&](const char *name, bool got) {
		bool want = x.value(name, false);
		if (got != want)
			why += std::string(" ") + name + " got " + (got ? "true" : "false") + ";";
	};
	nlohmann::json pct = x.value("dataUsedPercent", nlohmann::json());
	std::string gotPct = b.dataUsedPercent ? std::to_string(*b.dataUsedPercent) : "null";
	std::string wantPct = pct.is_null() ? "null" : std::to_string(pct.get<int>());
	if (gotPct != wantPct)
		why += " dataUsedPercent got " + gotPct + " want " + wantPct + ";";
	flag("dataExhausted", b.dataExhausted);
	flag("throttled", b.throttled);
	flag("dataLow", b.dataLow);
	return why;
}

bool isNotice(const nlohmann::json &x)
{
	return !x.value("dataUsedPercent", nlohmann::json()).is_null() ||
	       x.value("dataExhausted", false) || x.value("throttled", false) || x.value("dataLow", false);
}

TEST(BalanceCorpus, PublishedRepliesReachAgreedAccuracy)
{
	std::vector<Entry> corpus = loadCorpus();
	if (corpus.empty())
		GTEST_SKIP() << "no tests/data/replies/*.jsonl yet";
	Result<BalanceExtractor> ex = BalanceExtractor::create({});
	ASSERT_TRUE(ex.ok());
	Tally all;
	std::map<std::string, Tally> perLang;
	std::vector<std::string> failures;
	for (const Entry &e : corpus) {
		ExtractContext ctx;
		ctx.country = e.country;
		ASSERT_TRUE(parseTime(e.receivedAt, ctx.receivedAt, ctx.utcOffsetMinutes)) << e.id;
		Balance b = ex->extract(e.text, ctx);
		const nlohmann::json &x = e.expect;

		std::string gotMoney = b.money ? b.money->toDecimal() + " " + b.money->currency : "null";
		std::string wantMoney = x.at("money").is_null()
						? "null"
						: x.at("money").get<std::string>() + " " +
							  (x.at("currency").is_null() ? "" : x.at("currency").get<std::string>());
		bool moneyOk = x.at("money").is_null()
				       ? !b.money
				       : b.money && sameDecimal(b.money->toDecimal(), x.at("money").get<std::string>()) &&
						 !x.at("currency").is_null() &&
						 b.money->currency == x.at("currency").get<std::string>();
		std::string gotData = b.dataRemaining ? std::to_string(*b.dataRemaining) : "null";
		std::string wantData = x.at("dataBytes").is_null() ? "null" : std::to_string(x.at("dataBytes").get<std::uint64_t>());
		bool dataOk = gotData == wantData;
		std::string gotExp = b.expiry ? b.expiry->iso() : "null";
		std::string wantExp = x.at("expiry").is_null() ? "null" : x.at("expiry").get<std::string>();
		bool expOk = gotExp == wantExp;
		bool menuOk = b.isMenu == x.value("isMenu", false);
		bool errOk = b.isError == x.value("isError", false);
		std::string noticeWhy = noticeMismatch(b, x);

		for (Tally *t : { &all, &perLang[e.lang] }) {
			++t->n;
			t->money += moneyOk;
			t->data += dataOk;
			t->expiry += expOk;
			t->menu += menuOk;
			t->error += errOk;
			t->notice += noticeWhy.empty();
			t->notices += isNotice(x);
			t->noticesRight += isNotice(x) && noticeWhy.empty();
		}
		std::string why;
		if (!moneyOk)
			why += " money got " + gotMoney + " want " + wantMoney + ";";
		if (!dataOk)
			why += " data got " + gotData + " want " + wantData + ";";
		if (!expOk)
			why += " expiry got " + gotExp + " want " + wantExp + ";";
		if (!menuOk)
			why += std::string(" isMenu got ") + (b.isMenu ? "true" : "false") + ";";
		if (!errOk)
			why += std::string(" isError got ") + (b.isError ? "true" : "false") + ";";
		why += noticeWhy;
		if (!why.empty())
			failures.push_back(e.id + ":" + why);
	}
	auto pct = [](int k, int n) { return n ? 100.0 * k / n : 100.0; };
	std::printf("%-14s %5s %8s %8s %8s %8s %8s %8s %7s\n", "lang", "n", "money", "data", "expiry",
		    "menu", "error", "notice", "notices");
	for (const auto &[lang, t] : perLang)
		std::printf("%-14s %5d %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7d\n", lang.c_str(),
			    t.n, pct(t.money, t.n), pct(t.data, t.n), pct(t.expiry, t.n), pct(t.menu, t.n),
			    pct(t.error, t.n), pct(t.notice, t.n), t.notices);
	std::printf("%-14s %5d %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7.1f%% %7d\n", "ALL", all.n,
		    pct(all.money, all.n), pct(all.data, all.n), pct(all.expiry, all.n),
		    pct(all.menu, all.n), pct(all.error, all.n), pct(all.notice, all.n), all.notices);
	for (const std::string &f : failures)
		std::printf("FAIL %s\n", f.c_str());

	EXPECT_GE(pct(all.money, all.n), 95.0) << "money accuracy";
	EXPECT_GE(pct(all.data, all.n), 95.0) << "data accuracy";
	EXPECT_GE(pct(all.expiry, all.n), 95.0) << "expiry accuracy";
	// Notice fields over every entry: a balance reply read as a notice counts as wrong.
	EXPECT_GE(pct(all.notice, all.n), 95.0) << "notice accuracy";
	// ... and the notices themselves must be read: a reader that never fires fails here.
	EXPECT_GE(pct(all.noticesRight, all.notices), 90.0) << "notice entries read right";
}

} /* namespace */
} /* namespace zanryo */
