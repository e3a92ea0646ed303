#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "config.hpp"
#include "libmodem/backend/device_kind.hpp"
#include "libmodem/backend/modem.hpp"

namespace zanryo {

/// The backend for a configured device: "at:PATH" forces AT, "qmi:PATH" forces QMI, a
/// plain path is QMI when sysfs says so (controlPortOf) and AT otherwise. QMI needs a
/// build with -DZANRYO_WITH_QMI=ON; without it a QMI device is a clear error.
/// \param stateDir where unfinished multipart SMS are kept across restarts.
Result<std::shared_ptr<Modem>> makeModem(boost::asio::io_context &io, const ModemConfig &config,
					 const std::string &stateDir, const std::string &sysfsRoot = "/sys");

} /* namespace zanryo */
