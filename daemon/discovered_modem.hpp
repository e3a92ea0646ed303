#pragma once

#include <string>
#include <vector>

namespace zanryo {

/// \brief A modem a discovery source found (sysfs or ModemManager).
struct DiscoveredModem {
	/// What ModemConfig::device becomes: "qmi:/dev/cdc-wdm0", "at:/dev/ttyUSB2",
	/// "mm:/org/freedesktop/ModemManager1/Modem/0".
	std::string device;
	std::string description;            ///< for the log: "Quectel EC25/EG25 (2c7c:0125)"
	std::vector<std::string> portNames; ///< kernel names of its ports: "ttyUSB2", "cdc-wdm0"
	std::vector<std::string> portPaths; ///< device nodes (direct discovery only)
	std::string sysfsDevice;            ///< USB device directory; ModemManager's Modem.Device
};

} /* namespace zanryo */
