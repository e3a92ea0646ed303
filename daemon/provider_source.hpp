#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "libmodem/balance/provider.hpp"

namespace zanryo {

/// What the provider database says about one SIM, kept without the database.
struct ProviderChoice {
	std::string country;  ///< ISO 3166-1 alpha-2 of the network, empty if unknown
	std::shared_ptr<const ProviderProfile> profile;  ///< null: no provider, or several
	bool ambiguous = false;  ///< several providers share the network
	std::string network;     ///< "250-01", for logs
	std::string reason;      ///< why this match, for logs
};

/// \brief The provider database, read only while a SIM is looked up.
///
/// MBPI with the overlays is about 1.5 MiB of heap once parsed, and a SIM needs one
/// profile of it: each lookup loads the database, copies what matched, and frees the
/// rest (returning the memory to the system), so an idle daemon holds only the
/// profiles of its SIMs. Answers are kept per IMSI and hints, so a replugged modem
/// with the same SIM does not read the file again.
class ProviderSource
{
public:
	/// Loads MBPI and the overlays; std::nullopt when there is no database at all.
	using Loader = std::function<std::optional<ProviderDb>()>;

	explicit ProviderSource(Loader loader) : loader_(std::move(loader)) {}

	/// std::nullopt when the database cannot be loaded or the IMSI matches no network.
	std::optional<ProviderChoice> lookup(std::string_view imsi, const SimHints &hints);

	/// How many times the database was read (for tests and logs).
	unsigned loads() const { return loads_; }

private:
	Loader loader_;
	std::map<std::string, std::optional<ProviderChoice>> cache_;
	unsigned loads_ = 0;
};

} /* namespace zanryo */
