#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/balance/balance.hpp"
#include "libmodem/balance/reply_rule.hpp"

namespace zanryo {

/// \brief What the extractor knows besides the reply text. Pure data: no clock is read.
struct ExtractContext {
	std::string country;                        ///< ISO 3166-1 alpha-2 ("JP"), may be empty
	std::optional<std::string> defaultCurrency; ///< ISO 4217 for bare amounts
	std::chrono::sys_seconds receivedAt{};      ///< when the reply arrived (UTC)
	int utcOffsetMinutes = 0;                   ///< local offset, to get the local date
	unsigned dataUnitBase = 1024;               ///< 1 GB = base MB (1024 or 1000)
	std::span<const ReplyRule> rules;           ///< tried in order before generic extraction
};

/// \brief Turns carrier reply text into a Balance. Rules are compiled once (PCRE2, JIT
/// when available); extract() is then const and safe to call from several threads.
class BalanceExtractor
{
public:
	/// \brief Compile \a rules; a rule that does not validate is an error naming it.
	static Result<BalanceExtractor> create(std::span<const ReplyRule> rules);

	BalanceExtractor();
	~BalanceExtractor();
	BalanceExtractor(BalanceExtractor &&) noexcept;
	BalanceExtractor &operator=(BalanceExtractor &&) noexcept;

	/// \brief Extract with the precompiled rules (ctx.rules is ignored here).
	Balance extract(std::string_view utf8Text, const ExtractContext &ctx) const;

private:
	struct Compiled;
	std::unique_ptr<Compiled> compiled_;
};

/// \brief One-shot extraction: compiles ctx.rules (invalid ones are skipped) and extracts.
Balance extractBalance(std::string_view utf8Text, const ExtractContext &ctx);

} /* namespace zanryo */
