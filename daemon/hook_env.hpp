#pragma once

#include <map>
#include <string>

#include "state_store.hpp"
#include "plan.hpp"
#include "thresholds.hpp"

namespace zanryo {

/// What names the modem in a hook's environment.
struct HookModem {
	std::string path;      ///< D-Bus object path
	std::string device;    ///< as configured
	std::string name;      ///< `name` from the configuration, may be empty
	std::string provider;  ///< provider profile in use, may be empty
};

/// \brief The ZANRYO_* variables of one alert hook run (docs/configuration.md): the event,
/// the crossing when \a low is given, and every value of the reading. Unknown values are
/// empty strings, never 0, so a script can tell "0 bytes left" from "not stated".
/// \param usage the counted traffic's figures, when zanryod counts this modem.
std::map<std::string, std::string> hookEnvironment(const HookModem &modem, const StoredBalance &reading,
						   const LowEvent *low, const UsageFigures *usage = nullptr);

} /* namespace zanryo */
