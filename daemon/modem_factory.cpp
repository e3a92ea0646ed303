#include "modem_factory.hpp"

#include <filesystem>

#include <fmt/core.h>

#include "libmodem/backend/at_modem.hpp"

namespace zanryo {

Result<std::shared_ptr<Modem>> makeModem(boost::asio::io_context &io, const ModemConfig &config,
					 const std::string &stateDir)
{
	std::string path = config.device;
	if (path.rfind("qmi:", 0) == 0)
		return makeError(Errc::Unsupported,
				 fmt::format("{}: the QMI backend is not in zanryod yet; use the modem's AT port",
					     path));
	if (path.rfind("at:", 0) == 0)
		path = path.substr(3);
	if (path.empty())
		return makeError(Errc::ConfigError, "empty device path");

	AtModemOptions options;
	// One directory per device for pending multipart SMS parts.
	std::string id = std::filesystem::path(path).filename().string();
	options.smsStateDir = std::filesystem::path(stateDir) / ("sms-parts-" + id);
	options.consumeStoredSms = true;
	std::error_code ec;
	std::filesystem::create_directories(options.smsStateDir, ec);
	if (ec)
		return makeError(Errc::ConfigError,
				 fmt::format("{}: {}", options.smsStateDir.string(), ec.message()));
	return std::shared_ptr<Modem>(AtModem::create(io.get_executor(), path, options));
}

} /* namespace zanryo */
