#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "config.hpp"
#include "libmodem/backend/modem.hpp"

namespace zanryo {

/// The backend for a configured device: "at:PATH" forces AT; "qmi:PATH" is refused
/// until the QMI backend is part of the daemon; a plain path is AT.
/// \param stateDir where unfinished multipart SMS are kept across restarts.
Result<std::shared_ptr<Modem>> makeModem(boost::asio::io_context &io, const ModemConfig &config,
					 const std::string &stateDir);

} /* namespace zanryo */
