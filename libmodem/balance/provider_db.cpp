// ProviderDb lookups: MCC-MNC index, IMSI splitting, picking among MVNOs by name.

#include <algorithm>

#include "libmodem/balance/mcc_country.hpp"
#include "libmodem/balance/provider.hpp"

namespace zanryo {

namespace {

bool allDigits(std::string_view s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string networkKey(int mcc, std::string_view mnc)
{
	std::string key = std::to_string(mcc);
	key.insert(0, 3 - std::min<std::size_t>(3, key.size()), '0');
	key += '-';
	key += mnc;
	return key;
}

bool carriesName(const ProviderProfile &p, const std::string &wanted)
{
	for (const std::string &n : p.names)
		if (normalizeProviderName(n) == wanted)
			return true;
	for (const std::string &n : p.spn)
		if (normalizeProviderName(n) == wanted)
			return true;
	return false;
}

} /* namespace */

std::string_view methodKindName(MethodKind kind) noexcept
{
	switch (kind) {
	case MethodKind::Ussd: return "ussd";
	case MethodKind::UssdMenu: return "ussd-menu";
	case MethodKind::Sms: return "sms";
	}
	return "unknown";
}

std::string_view matchStatusName(MatchStatus status) noexcept
{
	switch (status) {
	case MatchStatus::Unique: return "unique";
	case MatchStatus::ByName: return "by-name";
	case MatchStatus::Ambiguous: return "ambiguous";
	case MatchStatus::NotFound: return "not-found";
	}
	return "unknown";
}

bool BalanceMethod::sameRequest(const BalanceMethod &other) const noexcept
{
	if (kind != other.kind)
		return false;
	switch (kind) {
	case MethodKind::Ussd:
	case MethodKind::UssdMenu:
		return code == other.code;
	case MethodKind::Sms:
		return number == other.number && text == other.text;
	}
	return false;
}

std::string NetworkId::toString() const
{
	return networkKey(mcc, mnc);
}

std::string OverlayError::text() const
{
	std::string out = file;
	if (line != 0) {
		out += ':' + std::to_string(line);
		if (column != 0)
			out += ':' + std::to_string(column);
	}
	out += ": ";
	if (!field.empty())
		out += field + ": ";
	return out + message;
}

std::string normalizeProviderName(std::string_view name)
{
	std::string out;
	out.reserve(name.size());
	for (char c : name) {
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = static_cast<char>(c - 'A' + 'a');
		out += c;
	}
	return out;
}

void ProviderDb::indexProvider(std::size_t index)
{
	const ProviderProfile &p = providers_[index];
	for (const NetworkId &net : p.networks) {
		std::vector<std::size_t> &slot = byNetwork_[net.toString()];
		if (std::find(slot.begin(), slot.end(), index) == slot.end()) {
			slot.push_back(index);
			if (!p.country.empty())
				mccCountryVotes_[net.mcc][p.country]++;
		}
	}
}

std::vector<const ProviderProfile *> ProviderDb::atNetwork(int mcc, std::string_view mnc) const
{
	std::vector<const ProviderProfile *> out;
	auto it = byNetwork_.find(networkKey(mcc, mnc));
	if (it == byNetwork_.end())
		return out;
	out.reserve(it->second.size());
	for (std::size_t i : it->second)
		out.push_back(&providers_[i]);
	return out;
}

ProviderProfile *ProviderDb::findForOverlay(const NetworkId &network,
					     const std::vector<std::string> &names)
{
	auto it = byNetwork_.find(network.toString());
	if (it == byNetwork_.end())
		return nullptr;
	for (std::size_t i : it->second)
		for (const std::string &n : names)
			if (carriesName(providers_[i], normalizeProviderName(n)))
				return &providers_[i];
	return nullptr;
}

std::string ProviderDb::countryForMcc(int mcc) const
{
	auto it = mccCountryVotes_.find(mcc);
	if (it != mccCountryVotes_.end() && !it->second.empty()) {
		// MBPI files Jersey's and Guernsey's networks under their own country with
		// MCC 234: the country most providers with this MCC belong to wins.
		const std::pair<const std::string, std::size_t> *best = nullptr;
		for (const auto &vote : it->second)
			if (!best || vote.second > best->second ||
			    (vote.second == best->second && vote.first < best->first))
				best = &vote;
		return best->first;
	}
	return std::string(builtinCountryForMcc(mcc));
}

ProviderMatch ProviderDb::pick(std::vector<ProviderCandidate> candidates,
			       const SimHints &hints) const
{
	ProviderMatch match;
	// The same provider can come through both MNC splits; keep its first appearance.
	std::vector<ProviderCandidate> unique;
	for (ProviderCandidate &c : candidates) {
		bool seen = std::any_of(unique.begin(), unique.end(), [&](const ProviderCandidate &u) {
			return u.profile == c.profile;
		});
		if (!seen)
			unique.push_back(std::move(c));
	}
	candidates = std::move(unique);

	if (candidates.empty()) {
		match.status = MatchStatus::NotFound;
		return match;
	}
	match.network = candidates.front().network;
	if (candidates.size() == 1) {
		match.status = MatchStatus::Unique;
		match.candidates = std::move(candidates);
		return match;
	}

	const std::size_t shared = candidates.size();
	const std::pair<std::string_view, const std::string *> hintNames[] = {
		{ "configured provider", &hints.provider },
		{ "SPN", &hints.spn },
		{ "operator name", &hints.operatorName },
	};
	std::string tried;
	for (const auto &[label, value] : hintNames) {
		if (value->empty())
			continue;
		std::string wanted = normalizeProviderName(*value);
		std::vector<ProviderCandidate> named;
		for (const ProviderCandidate &c : candidates)
			if (carriesName(*c.profile, wanted))
				named.push_back(c);
		if (named.size() == 1) {
			match.status = MatchStatus::ByName;
			match.network = named.front().network;
			match.reason = std::string(label) + " \"" + *value + "\" matches " +
				       named.front().profile->name + " among " +
				       std::to_string(shared) + " providers";
			match.candidates = std::move(named);
			return match;
		}
		if (!tried.empty())
			tried += ", ";
		tried += std::string(label) + " \"" + *value + "\" matches " +
			 (named.empty() ? std::string("none") : std::to_string(named.size()));
		// Several carry this name: keep only those, a later hint may split them.
		if (!named.empty())
			candidates = std::move(named);
	}
	match.status = MatchStatus::Ambiguous;
	match.reason = std::to_string(shared) + " providers share this network" +
		       (tried.empty() ? std::string("; no SPN or operator name to pick one")
				      : "; " + tried) +
		       ": choose one in the configuration";
	match.candidates = std::move(candidates);
	return match;
}

Result<ProviderMatch> ProviderDb::lookupMccMnc(int mcc, std::string_view mnc,
					       const SimHints &hints) const
{
	if (mcc < 0 || mcc > 999)
		return makeError(Errc::InvalidValue, "MCC " + std::to_string(mcc) +
							     " is not three decimal digits");
	if (mnc.size() < 2 || mnc.size() > 3 || !allDigits(mnc))
		return makeError(Errc::InvalidValue,
				 "MNC \"" + std::string(mnc) + "\" is not two or three digits");
	NetworkId net{ mcc, std::string(mnc) };
	std::vector<ProviderCandidate> candidates;
	for (const ProviderProfile *p : atNetwork(mcc, mnc))
		candidates.push_back({ p, net });
	ProviderMatch match = pick(std::move(candidates), hints);
	match.network = net;
	if (match.status == MatchStatus::NotFound)
		match.reason = "no provider for " + net.toString();
	match.country = countryForMcc(mcc);
	if (match.candidates.size() == 1 && !match.candidates.front().profile->country.empty())
		match.country = match.candidates.front().profile->country;
	match.currency = std::string(currencyForCountry(match.country));
	return match;
}

Result<ProviderMatch> ProviderDb::lookupImsi(std::string_view imsi, const SimHints &hints) const
{
	// TS 23.003 §2.2: IMSI = MCC (3) + MNC (2 or 3) + MSIN, at most 15 digits.
	if (imsi.size() < 6 || imsi.size() > 15 || !allDigits(imsi))
		return makeError(Errc::InvalidValue,
				 "IMSI \"" + std::string(imsi) + "\" is not 6 to 15 decimal digits");
	const int mcc = (imsi[0] - '0') * 100 + (imsi[1] - '0') * 10 + (imsi[2] - '0');

	std::vector<std::size_t> lengths;
	std::string how;
	const std::string_view op = hints.operatorMccMnc;
	if (hints.mncLength == 2 || hints.mncLength == 3) {
		lengths = { static_cast<std::size_t>(hints.mncLength) };
		how = "MNC length from EF_AD";
	} else if ((op.size() == 5 || op.size() == 6) && allDigits(op) && imsi.substr(0, op.size()) == op) {
		// Registered on the home network: +COPS shows the MNC with its real length.
		lengths = { op.size() - 3 };
		how = "MNC length from the registered operator " + std::string(op);
	} else {
		// No EF_AD: 3-digit MNCs (North America, parts of Latin America and India)
		// are tried first; a 2-digit match is kept too, so a clash is never hidden.
		lengths = { 3, 2 };
	}

	std::vector<ProviderCandidate> candidates;
	std::vector<std::string> tried;
	for (std::size_t len : lengths) {
		NetworkId net{ mcc, std::string(imsi.substr(3, len)) };
		tried.push_back(net.toString());
		for (const ProviderProfile *p : atNetwork(mcc, net.mnc))
			candidates.push_back({ p, net });
	}
	bool bothSplits = lengths.size() == 2 && !candidates.empty() &&
			  candidates.front().network.mnc.size() != candidates.back().network.mnc.size();

	ProviderMatch match = pick(std::move(candidates), hints);
	if (match.status == MatchStatus::NotFound) {
		match.network = NetworkId{ mcc, std::string(imsi.substr(3, lengths.back())) };
		match.reason = "no provider for " + tried.front() +
			       (tried.size() > 1 ? " or " + tried.back() : std::string());
	} else if (bothSplits) {
		match.reason = (match.reason.empty() ? std::string() : match.reason + "; ") +
			       "both " + tried.front() + " and " + tried.back() +
			       " exist and the MNC length is unknown (no EF_AD)";
	} else if (!how.empty()) {
		match.reason = (match.reason.empty() ? std::string() : match.reason + "; ") + how;
	}
	match.country = countryForMcc(mcc);
	if (match.candidates.size() == 1 && !match.candidates.front().profile->country.empty())
		match.country = match.candidates.front().profile->country;
	match.currency = std::string(currencyForCountry(match.country));
	return match;
}

ProviderDbStats ProviderDb::stats() const
{
	ProviderDbStats s;
	s.providers = providers_.size();
	s.networks = byNetwork_.size();
	s.skippedNetworkIds = skippedNetworkIds_;
	for (const ProviderProfile &p : providers_) {
		if (p.mbpiBalanceCheck)
			s.withBalanceCheck++;
		if (!p.balanceChecks.empty())
			s.withUsableCheck++;
		if (std::any_of(p.balanceChecks.begin(), p.balanceChecks.end(),
				[](const BalanceMethod &m) { return m.verified; }))
			s.withVerifiedCheck++;
		if (!p.topUps.empty())
			s.withTopUp++;
	}
	return s;
}

} /* namespace zanryo */
