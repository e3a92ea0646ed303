#pragma once

// zanryoctl's way to the provider database, shared by `provider` and `parse --mcc-mnc`:
// MBPI, then the shipped overlays, then the user's (docs/provider-profiles.md).

#include <string>
#include <vector>

#include "libmodem/balance/provider.hpp"

#ifndef ZANRYO_MBPI_DATABASE
#define ZANRYO_MBPI_DATABASE "/usr/share/mobile-broadband-provider-info/serviceproviders.xml"
#endif
#ifndef ZANRYO_PROVIDERS_DIR
#define ZANRYO_PROVIDERS_DIR "/usr/share/zanryo/providers"
#endif
#ifndef ZANRYO_USER_PROVIDERS_DIR
#define ZANRYO_USER_PROVIDERS_DIR "/etc/zanryo/providers.d"
#endif

namespace zanryo::ctl {

/// The MBPI file zanryoctl reads unless --db says otherwise.
std::string defaultMbpiPath();

/// The shipped overlays (the installed copy, else the source tree for in-tree runs), then
/// the user's overlay directory.
std::vector<std::string> defaultOverlayDirs();

/// Load \a mbpiPath and apply \a overlays (directories or .toml files; the defaults when
/// empty). A broken overlay file is skipped with a warning on stderr. Throws CommandError
/// (exit 1) when the MBPI file cannot be read.
ProviderDb loadProviderDb(const std::string &mbpiPath, const std::vector<std::string> &overlays);

/// Split "440-10", "440 10", "44010" or "310410" into MCC and MNC. Returns false when
/// \a text is none of these.
bool splitMccMnc(const std::string &text, std::string &mcc, std::string &mnc);

} /* namespace zanryo::ctl */
