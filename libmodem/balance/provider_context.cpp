#include "libmodem/balance/provider_context.hpp"

namespace zanryo {

namespace {

std::string upperAscii(std::string_view s)
{
	std::string out(s);
	for (char &c : out)
		if (c >= 'a' && c <= 'z')
			c = static_cast<char>(c - 'a' + 'A');
	return out;
}

} /* namespace */

ProviderExtractSetup extractSetupFor(const ProviderMatch &match)
{
	ProviderExtractSetup s;
	s.country = upperAscii(match.country);
	for (const ProviderCandidate &c : match.candidates)
		if (c.profile)
			s.candidates.push_back(c.profile->name);
	switch (match.status) {
	case MatchStatus::Unique:
	case MatchStatus::ByName:
		break;
	case MatchStatus::Ambiguous:
	case MatchStatus::NotFound:
		return s;
	}
	if (match.candidates.empty() || !match.candidates.front().profile)
		return s;
	ProviderExtractSetup picked = extractSetupFor(*match.candidates.front().profile, match.country);
	picked.candidates = std::move(s.candidates);
	return picked;
}

ProviderExtractSetup extractSetupFor(const ProviderProfile &p, std::string_view networkCountry)
{
	ProviderExtractSetup s;
	s.profile = &p;
	s.candidates.push_back(p.name);
	s.country = upperAscii(p.country.empty() ? networkCountry : std::string_view(p.country));
	s.currency = p.currency;
	s.dataUnitBase = p.dataUnitBase;
	for (ReplyRule r : p.replyRules) {
		if (!r.currency)
			r.currency = p.currency;
		if (!r.dataUnitBase)
			r.dataUnitBase = p.dataUnitBase;
		if (r.dateOrder.empty())
			r.dateOrder = p.dateOrder;
		s.rules.push_back(std::move(r));
	}
	return s;
}

} /* namespace zanryo */
