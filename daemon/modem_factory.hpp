#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "config.hpp"
#include "libmodem/backend/modem.hpp"

namespace zanryo {

/// What the kernel says a device node is, from sysfs.
enum class ControlPort {
	At,    ///< a tty, or nothing says otherwise
	Qmi,   ///< qmi_wwan's cdc-wdm node, or a wwan port of type QMI
	Mbim,  ///< cdc_mbim's cdc-wdm node, or a wwan port of type MBIM (no backend yet)
};

/// The kind of \a devicePath (symlinks such as /dev/serial/by-id/... are followed), read
/// under \a sysfsRoot: class/wwan/<name>/type ("AT", "QMI", "MBIM", ...), else the
/// driver of class/usbmisc/<name>/device ("qmi_wwan", "cdc_mbim").
ControlPort controlPortOf(const std::string &devicePath, const std::string &sysfsRoot = "/sys");

/// The backend for a configured device: "at:PATH" forces AT, "qmi:PATH" forces QMI, a
/// plain path is QMI when sysfs says so (controlPortOf) and AT otherwise. QMI needs a
/// build with -DZANRYO_WITH_QMI=ON; without it a QMI device is a clear error.
/// \param stateDir where unfinished multipart SMS are kept across restarts.
Result<std::shared_ptr<Modem>> makeModem(boost::asio::io_context &io, const ModemConfig &config,
					 const std::string &stateDir, const std::string &sysfsRoot = "/sys");

} /* namespace zanryo */
