#pragma once

// Which backend a device path needs: what sysfs says the node carries, and the "at:" and
// "qmi:" prefixes that override it. Shared by zanryod (modem_factory) and zanryoctl's
// direct mode, so that one path means the same modem to both.

#include <optional>
#include <string>
#include <string_view>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief What the kernel says a device node is, from sysfs.
enum class ControlPort {
	At,   ///< a tty, or nothing says otherwise
	Qmi,  ///< qmi_wwan's cdc-wdm node, or a wwan port of type QMI
	Mbim, ///< cdc_mbim's cdc-wdm node, or a wwan port of type MBIM (no backend yet)
};

/// "at", "qmi", "mbim".
std::string_view controlPortName(ControlPort port) noexcept;

/// \brief The kind of \a devicePath (symlinks such as /dev/serial/by-id/... are followed),
/// read under \a sysfsRoot: class/wwan/<name>/type ("AT", "QMI", "MBIM", ...), else the
/// driver of class/usbmisc/<name>/device ("qmi_wwan", "cdc_mbim"). Anything else is At.
ControlPort controlPortOf(const std::string &devicePath, const std::string &sysfsRoot = "/sys");

/// \brief A device as the user wrote it: "at:PATH", "qmi:PATH" or a plain PATH.
struct DeviceSpec {
	std::string path;		   ///< the device node, without the prefix
	std::optional<ControlPort> forced; ///< At or Qmi when a prefix names it
};

/// \brief Split the "at:" or "qmi:" prefix off \a device. Errc::ConfigError ("empty device
/// path", "empty device path after qmi:") when no path is left.
Result<DeviceSpec> parseDeviceSpec(std::string_view device);

/// \brief The port a spec names: its prefix when it has one, else controlPortOf().
ControlPort controlPortOf(const DeviceSpec &spec, const std::string &sysfsRoot = "/sys");

} /* namespace zanryo */
