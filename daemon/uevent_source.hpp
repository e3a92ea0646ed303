#pragma once

// Where direct discovery hears of hotplug: kernel/udev uevents for the tty, usbmisc and
// wwan subsystems. UdevMonitor is the real one (libsystemd's sd-device monitor, its fd
// driven by the daemon's io_context); unit tests feed a UeventSource of their own.

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// One uevent, as much of it as discovery needs.
struct Uevent {
	std::string action;     ///< "add", "remove", "change", "bind", "unbind", "move"
	std::string subsystem;  ///< "tty", "usbmisc", "wwan"
	std::string devpath;    ///< "/devices/pci0000:00/.../1-1:1.2/ttyUSB2/tty/ttyUSB2"
};

/// \brief A stream of uevents; start() delivers each one to \a handler on the io thread.
class UeventSource
{
public:
	virtual ~UeventSource() = default;
	virtual Result<void> start(std::function<void(const Uevent &)> handler) = 0;
};

/// \brief The udev monitor (events after udev processed them, so /dev nodes exist),
/// filtered to tty, usbmisc and wwan. No thread, no polling: its fd is waited on by
/// \a io.
std::unique_ptr<UeventSource> makeUdevMonitor(boost::asio::io_context &io);

} /* namespace zanryo */
