// libFuzzer target for the MBPI serviceproviders.xml loader. Whatever it accepts must be
// consistent: every network of every provider finds that provider again, by MCC-MNC and
// by an IMSI built from it with EF_AD's MNC length.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "libmodem/balance/provider.hpp"

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

} /* namespace */

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using namespace zanryo;
	std::string_view xml(reinterpret_cast<const char *>(data), size);
	Result<ProviderDb> db = ProviderDb::fromMbpiXml(xml, "fuzz.xml");
	if (!db) {
		check(!db.error().message().empty());
		return 0;
	}
	for (const ProviderProfile &p : db->providers()) {
		check(!p.name.empty() && !p.networks.empty());
		for (const BalanceMethod &m : p.balanceChecks)
			check(m.kind == MethodKind::Sms ? !m.number.empty() : !m.code.empty());
		for (const NetworkId &net : p.networks) {
			Result<ProviderMatch> m = db->lookupMccMnc(net.mcc, net.mnc);
			check(m.ok() && m->status != MatchStatus::NotFound);
			check(std::any_of(m->candidates.begin(), m->candidates.end(),
					  [&](const ProviderCandidate &c) { return c.profile == &p; }));
			SimHints hints;
			hints.mncLength = static_cast<int>(net.mnc.size());
			hints.spn = p.name;
			std::string imsi = net.toString();
			imsi.erase(3, 1);
			imsi += "0123456789";
			Result<ProviderMatch> byImsi = db->lookupImsi(imsi.substr(0, 15), hints);
			check(byImsi.ok() && byImsi->status != MatchStatus::NotFound);
		}
	}
	(void)db->stats();
	(void)db->countryForMcc(440);
	return 0;
}
