#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "usage_counter.hpp"

namespace zanryo {

/// \brief The network interfaces of the modem that owns \a device ("/dev/ttyUSB2",
/// "qmi:/dev/cdc-wdm0", "/dev/wwan0at0"), found through sysfs under \a sysRoot.
///
/// From the device's node (class tty, usbmisc, usb or wwan) the walk goes up its parents
/// and looks for `net/<name>` entries below each one, stopping at the first parent that
/// has some, and never above the USB device (it has `idVendor`), the WWAN device (its
/// `subsystem` is wwan) or a PCI function: a QMI port and its wwan0 share a USB
/// interface, an AT port finds the wwan0 or usb0 of the same USB device, and a WWAN port
/// of a PCIe modem finds the netdev of its WWAN device. Empty when nothing is found
/// (a simulator's pty, a device not plugged in yet).
std::vector<std::string> netInterfacesForDevice(std::string_view device, const std::string &sysRoot = "/sys");

/// ifindex, rx_bytes and tx_bytes of \a name from \a sysRoot/class/net; std::nullopt when
/// the interface does not exist (now).
std::optional<InterfaceCounters> readInterfaceCounters(const std::string &sysRoot, const std::string &name);

/// IFF_UP from \a sysRoot/class/net/NAME/flags.
bool interfaceIsUp(const std::string &sysRoot, const std::string &name);

} /* namespace zanryo */
