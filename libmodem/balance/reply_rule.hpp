#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief A carrier-specific way to read a reply: one PCRE2 pattern with named captures.
///
/// The pattern is matched (UTF mode, case-insensitive) against the reply with its digits
/// normalized to ASCII. Capture names (docs/balance.md lists them all):
///   money, currency, debt, data, data_unit, total, total_unit, used, used_unit, unlimited,
///   expiry, expiry_year, expiry_month, expiry_day, expiry_days,
///   used_percent, exhausted, throttled, low (carrier notices),
///   bucket_<name>_money, bucket_<name>_currency, bucket_<name>_data,
///   bucket_<name>_data_unit, bucket_<name>_count, bucket_<name>_expiry
/// where <name> is [a-z0-9]+ (e.g. bucket_bonus_money).
struct ReplyRule {
	std::string name;    ///< shown as Balance::matchedRule, e.g. "ru-mts-balance"
	std::string pattern; ///< PCRE2 source
	std::optional<std::string> currency;  ///< ISO 4217 used when the reply names none
	std::optional<unsigned> dataUnitBase; ///< 1024 or 1000; default from the context
	std::string dateOrder;                ///< "dmy", "mdy", "ymd", or empty (from country)
};

/// \brief The capture names a ReplyRule pattern may use outside of bucket_<name>_<field>.
std::span<const std::string_view> replyRuleCaptureNames() noexcept;

/// \brief Whether \a name is a capture name the extractor understands.
bool isKnownReplyRuleCapture(std::string_view name) noexcept;

/// \brief Compile the rule's pattern and check its fields.
///
/// Errors (ConfigError) name the rule and either the pattern offset PCRE2 reports, or the
/// capture whose name is unknown (with its offset in the pattern), or the bad field.
Result<void> validateReplyRule(const ReplyRule &rule);

} /* namespace zanryo */
