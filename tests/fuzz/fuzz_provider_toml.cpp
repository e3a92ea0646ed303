// libFuzzer target for the overlay TOML loader (data/providers, /etc/zanryo/providers.d).
// A file with any error must leave the database untouched; an accepted one must make
// every network it names findable, and every error must name the file.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
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
	std::string_view text(reinterpret_cast<const char *>(data), size);
	ProviderDb db;
	std::vector<OverlayError> errors = db.applyOverlayText(text, "fuzz.toml");
	if (!errors.empty()) {
		check(db.providers().empty());
		for (const OverlayError &e : errors)
			check(e.file == "fuzz.toml" && !e.message.empty() &&
			      e.text().rfind("fuzz.toml", 0) == 0);
		return 0;
	}
	for (const ProviderProfile &p : db.providers()) {
		check(!p.name.empty() && !p.networks.empty());
		for (const NetworkId &net : p.networks) {
			Result<ProviderMatch> m = db.lookupMccMnc(net.mcc, net.mnc);
			check(m.ok() && m->status != MatchStatus::NotFound);
		}
	}
	// Applying the same file again merges into what it created: nothing new appears.
	std::size_t before = db.providers().size();
	check(db.applyOverlayText(text, "fuzz.toml").empty());
	check(db.providers().size() == before);
	return 0;
}
