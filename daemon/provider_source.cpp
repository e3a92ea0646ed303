#include "provider_source.hpp"

#include <malloc.h>

namespace zanryo {

std::optional<ProviderChoice> ProviderSource::lookup(std::string_view imsi, const SimHints &hints)
{
	std::string key = std::string(imsi) + '\n' + hints.spn + '\n' + hints.operatorName + '\n' +
			  hints.operatorMccMnc + '\n' + std::to_string(hints.mncLength) + '\n' + hints.provider;
	if (auto hit = cache_.find(key); hit != cache_.end())
		return hit->second;

	std::optional<ProviderChoice> choice;
	{
		std::optional<ProviderDb> db = loader_();
		loads_++;
		if (db) {
			auto match = db->lookupImsi(imsi, hints);
			if (match && !match->candidates.empty()) {
				ProviderChoice c;
				c.country = match->country;
				c.network = match->network.toString();
				c.reason = match->reason;
				c.ambiguous = match->status == MatchStatus::Ambiguous;
				if (!c.ambiguous)
					c.profile = std::make_shared<const ProviderProfile>(*match->candidates.front().profile);
				choice = std::move(c);
			}
		}
	}
	// The database was thousands of small allocations: give the freed pages back now,
	// or the idle daemon keeps them as resident heap.
	::malloc_trim(0);
	cache_.emplace(std::move(key), choice);
	return choice;
}

} /* namespace zanryo */
