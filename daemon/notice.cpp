#include "notice.hpp"

#include <algorithm>

namespace zanryo {

Balance mergeNotice(const Balance *previous, Balance n, const Plan &plan)
{
	const bool ownPercent = n.dataUsedPercent.has_value();
	if (previous) {
		if (!n.money)
			n.money = previous->money;
		if (!n.expiry) {
			n.expiry = previous->expiry;
			n.inferred = previous->inferred;
		}
		// Buckets of a kind the notice does not speak of stay as last read.
		for (const Bucket &old : previous->buckets)
			if (std::none_of(n.buckets.begin(), n.buckets.end(),
					 [&](const Bucket &x) { return x.name == old.name; }))
				n.buckets.push_back(old);
		if (!n.dataTotal)
			n.dataTotal = previous->dataTotal;
		if (!n.dataUsedPercent)
			n.dataUsedPercent = previous->dataUsedPercent;
		n.throttled = n.throttled || previous->throttled;
		n.dataLow = n.dataLow || previous->dataLow;
	}
	if (n.dataRemaining)
		return n;

	if (ownPercent) {
		// "80% used": the rest of the carrier's stated total, else of the plan. With
		// neither, the last figure is out of date and nothing better is known.
		std::optional<std::uint64_t> total = n.dataTotal;
		if (!total && plan.allowance && !plan.unlimited)
			total = plan.allowance;
		if (total) {
			auto left = std::uint64_t(std::max(0, 100 - *n.dataUsedPercent));
			n.dataRemaining = *total / 100 * left + *total % 100 * left / 100;
		}
	} else if (n.dataExhausted) {
		n.dataRemaining = 0;
	} else if (previous) {
		// A warning with no figure (throttled, running low) keeps the last one.
		n.dataRemaining = previous->dataRemaining;
		n.dataUnlimited = n.dataUnlimited || previous->dataUnlimited;
	}
	return n;
}

} /* namespace zanryo */
