#pragma once

// Direct discovery's view of sysfs: which device nodes belong to a modem zanryod knows,
// grouped one modem per device. Reads files and links under a sysfs root only (a test
// builds a fake tree in a temporary directory); never opens a device node.
// docs/discovery.md has the table and its sources.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace zanryo {

/// \brief One row of the known-modem table: which USB interface of a device is its AT
/// port and which its QMI port (a cdc-wdm node of qmi_wwan).
struct KnownModem {
	std::uint16_t vendor = 0;
	std::uint16_t product = 0;  ///< 0: any product of the vendor (matched by class triple)
	const char *model = "";
	int atInterface = -1;       ///< bInterfaceNumber of the AT port; -1: by class triple
	int qmiInterface = -1;      ///< bInterfaceNumber of the QMI port; -1: none
	/// bInterfaceClass/SubClass/Protocol of an AT port, for vendors whose interface
	/// numbers move with the firmware's USB mode (Huawei's "PCUI" port): 0xff0102 means
	/// ff/01/02. 0: unused.
	std::uint32_t atClassTriples[2] = { 0, 0 };
};

/// The table (docs/discovery.md).
std::span<const KnownModem> knownModems();

/// \brief A modem found in sysfs: its ports and the device zanryod would open.
struct FoundModem {
	std::string sysfsDevice;  ///< the USB device (or wwan device) directory, canonical
	std::string description;  ///< "Quectel EC25/EG25 (2c7c:0125)", "wwan0 (PCIe WWAN)"
	std::string atPort;       ///< "/dev/ttyUSB2"; empty: none
	std::string qmiPort;      ///< "/dev/cdc-wdm0"; empty: none
	std::vector<std::string> portNames;  ///< kernel names of every port found: "ttyUSB2"
	/// The device for ModemConfig: "qmi:/dev/cdc-wdm0" when a QMI port exists and \a
	/// withQmi, else "at:/dev/ttyUSB2"; empty when nothing usable was found.
	std::string device;
	std::string skipReason;   ///< why device is empty
};

/// \brief What scanModems() saw and left alone, for the info log.
struct SkippedNode {
	std::string name;    ///< "ttyUSB0"
	std::string reason;  ///< "1a86:7523 is not a known modem"
};

struct SysfsScan {
	std::vector<FoundModem> modems;  ///< sorted by sysfsDevice
	std::vector<SkippedNode> skipped;
};

/// \brief Scan \a sysfsRoot (class/tty, class/usbmisc, class/wwan) for known modems.
/// Device nodes are named "<devRoot>/<kernel name>". \a withQmi false (a build without
/// QMI) makes a modem with both ports use its AT port. Only ports of a table row or of
/// class/wwan ever appear in the result.
SysfsScan scanModems(const std::string &sysfsRoot, const std::string &devRoot, bool withQmi);

} /* namespace zanryo */
