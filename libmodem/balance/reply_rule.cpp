#include "libmodem/balance/reply_rule.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <memory>

namespace zanryo {

namespace {

constexpr std::array<std::string_view, 19> kCaptureNames = {
	"money", "currency", "debt", "data", "data_unit", "total", "total_unit", "used",
	"used_unit", "unlimited", "expiry", "expiry_year", "expiry_month", "expiry_day",
	"expiry_days", "used_percent", "exhausted", "throttled", "low",
};

constexpr std::array<std::string_view, 6> kBucketFields = {
	"money", "currency", "data", "data_unit", "count", "expiry",
};

struct CodeFree {
	void operator()(pcre2_code *c) const noexcept { pcre2_code_free(c); }
};

std::string pcre2Message(int code)
{
	PCRE2_UCHAR buf[256];
	int n = pcre2_get_error_message(code, buf, sizeof buf);
	if (n < 0)
		return "PCRE2 error " + std::to_string(code);
	return std::string(reinterpret_cast<const char *>(buf), static_cast<std::size_t>(n));
}

} /* namespace */

std::span<const std::string_view> replyRuleCaptureNames() noexcept
{
	return kCaptureNames;
}

bool isKnownReplyRuleCapture(std::string_view name) noexcept
{
	for (std::string_view known : kCaptureNames)
		if (name == known)
			return true;
	constexpr std::string_view prefix = "bucket_";
	if (name.substr(0, prefix.size()) != prefix)
		return false;
	std::string_view rest = name.substr(prefix.size());
	std::size_t us = rest.find('_');
	if (us == 0 || us == std::string_view::npos)
		return false;
	for (char c : rest.substr(0, us))
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return false;
	std::string_view field = rest.substr(us + 1);
	for (std::string_view f : kBucketFields)
		if (field == f)
			return true;
	return false;
}

Result<void> validateReplyRule(const ReplyRule &rule)
{
	std::string who = "reply rule '" + rule.name + "'";
	if (rule.name.empty())
		return makeError(Errc::ConfigError, "reply rule has no name");
	if (rule.pattern.empty())
		return makeError(Errc::ConfigError, who + ": empty pattern");
	if (rule.dataUnitBase && *rule.dataUnitBase != 1024 && *rule.dataUnitBase != 1000)
		return makeError(Errc::ConfigError,
				 who + ": dataUnitBase must be 1024 or 1000, not " +
					 std::to_string(*rule.dataUnitBase));
	if (!rule.dateOrder.empty() && rule.dateOrder != "dmy" && rule.dateOrder != "mdy" &&
	    rule.dateOrder != "ymd")
		return makeError(Errc::ConfigError,
				 who + ": dateOrder must be dmy, mdy or ymd, not '" + rule.dateOrder +
					 "'");
	if (rule.currency) {
		const std::string &c = *rule.currency;
		bool ok = c.size() == 3;
		for (char ch : c)
			ok = ok && ch >= 'A' && ch <= 'Z';
		if (!ok)
			return makeError(Errc::ConfigError,
					 who + ": currency must be an ISO 4217 code like \"RUB\", not '" +
						 c + "'");
	}

	int errorCode = 0;
	PCRE2_SIZE errorOffset = 0;
	std::unique_ptr<pcre2_code, CodeFree> code(pcre2_compile(
		reinterpret_cast<PCRE2_SPTR>(rule.pattern.data()), rule.pattern.size(),
		PCRE2_UTF | PCRE2_CASELESS | PCRE2_UCP, &errorCode, &errorOffset, nullptr));
	if (!code)
		return makeError(Errc::ConfigError, who + ": pattern: " + pcre2Message(errorCode),
				 errorOffset, rule.pattern);

	std::uint32_t count = 0, entrySize = 0;
	PCRE2_SPTR table = nullptr;
	pcre2_pattern_info(code.get(), PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(code.get(), PCRE2_INFO_NAMEENTRYSIZE, &entrySize);
	pcre2_pattern_info(code.get(), PCRE2_INFO_NAMETABLE, &table);
	bool hasValue = false;
	for (std::uint32_t i = 0; i < count; ++i) {
		// Name table entry: 2-byte group number, then the NUL-terminated name.
		const char *name = reinterpret_cast<const char *>(table + i * entrySize + 2);
		std::string_view n(name);
		if (!isKnownReplyRuleCapture(n)) {
			std::size_t at = rule.pattern.find("<" + std::string(n) + ">");
			return makeError(Errc::ConfigError,
					 who + ": unknown capture name '" + std::string(n) +
						 "' (docs/balance.md lists the known ones)",
					 at == std::string::npos ? Error::kNoOffset : at, rule.pattern);
		}
		if (n != "currency" && n != "data_unit" && n != "total_unit" && n != "used_unit")
			hasValue = true;
	}
	if (!hasValue)
		return makeError(Errc::ConfigError,
				 who + ": pattern captures no value (money, data, total, used, "
				       "unlimited, expiry... or a bucket_<name>_<field>)");
	return {};
}

} /* namespace zanryo */
