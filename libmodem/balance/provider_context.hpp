#pragma once

#include <optional>
#include <string>
#include <vector>

#include "libmodem/balance/provider.hpp"
#include "libmodem/balance/reply_rule.hpp"

namespace zanryo {

/// \brief What a provider lookup gives the extractor: the country that resolves "$", "¥",
/// "kr" and date order, the carrier's currency and data unit, and its reply rules.
struct ProviderExtractSetup {
	std::string country;		      ///< ISO 3166-1 alpha-2, upper case; empty if unknown
	std::optional<std::string> currency;  ///< the provider's ISO 4217, when it sets one
	std::optional<unsigned> dataUnitBase; ///< the provider's 1000 or 1024, when it sets one
	/// The provider's rules, each filled with the provider's currency, data unit and date
	/// order where the rule sets none. Empty unless exactly one provider was picked.
	std::vector<ReplyRule> rules;
	const ProviderProfile *profile = nullptr; ///< the one provider, or null
	std::vector<std::string> candidates;	  ///< names of every provider that matched
};

/// \brief Setup for extracting replies of the SIM \a match describes. When several
/// providers share the network and nothing picked one (MatchStatus::Ambiguous) only the
/// shared country is used: no provider's rules are guessed.
ProviderExtractSetup extractSetupFor(const ProviderMatch &match);

/// \brief Setup for a provider already picked (a profile kept without its database).
/// \param networkCountry the country of the SIM's network, used when the profile has none.
ProviderExtractSetup extractSetupFor(const ProviderProfile &profile, std::string_view networkCountry);

} /* namespace zanryo */
