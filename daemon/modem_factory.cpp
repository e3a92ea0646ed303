#include "modem_factory.hpp"

#include <filesystem>

#include <fmt/core.h>

#include "libmodem/backend/at_modem.hpp"
#include "libmodem/backend/ussd_fallback_modem.hpp"
#include "libmodem/backend/qmi_module.hpp"

namespace zanryo {

namespace fs = std::filesystem;

namespace {

Result<std::shared_ptr<Modem>> makeAt(boost::asio::io_context &io, const std::string &path,
				      const ModemConfig &config, const std::string &stateDir)
{
	AtModemOptions options;
	// Trace records carry the name the modem's other logs carry.
	options.channel.traceName = config.name.empty() ? path : config.name;
	options.channel.trace = config.trace;
	options.ussdMenuTimeout = config.ussdMenuTimeout;
	// One directory per device for pending multipart SMS parts.
	std::string id = fs::path(path).filename().string();
	options.smsStateDir = fs::path(stateDir) / ("sms-parts-" + id);
	options.deliverStoredSms = true;
	std::error_code ec;
	// Pending SMS parts are private: 0700 whatever the umask, when zanryod makes the directory.
	if (fs::create_directories(options.smsStateDir, ec) && !ec)
		fs::permissions(options.smsStateDir, fs::perms(0700), ec);
	if (ec)
		return makeError(Errc::ConfigError, fmt::format("{}: {}", options.smsStateDir.string(), ec.message()));
	return std::shared_ptr<Modem>(AtModem::create(io.get_executor(), path, options));
}

Result<std::shared_ptr<Modem>> makeQmi([[maybe_unused]] boost::asio::io_context &io, const std::string &path,
				       [[maybe_unused]] const ModemConfig &config,
				       [[maybe_unused]] const std::string &stateDir)
{
#ifdef ZANRYO_HAVE_QMI
	QmiModemOptions options;
	options.ussdMenuTimeout = config.ussdMenuTimeout;
	options.traceName = config.name.empty() ? path : config.name;
	options.trace = config.trace;
	auto made = makeQmiModemFromModule(io.get_executor(), path, options);
	if (!made)
		return made.error();
	std::unique_ptr<Modem> qmi = std::move(made).value();
	if (config.atPort.empty())
		return std::shared_ptr<Modem>(std::move(qmi));
	// USSD through the AT port when the QMI firmware has no usable VOICE service.
	std::string atPath = config.atPort.rfind("at:", 0) == 0 ? config.atPort.substr(3) : config.atPort;
	auto at = makeAt(io, atPath, config, stateDir);
	if (!at)
		return at.error();
	return std::shared_ptr<Modem>(std::make_shared<UssdFallbackModem>(std::move(qmi), std::move(at).value()));
#else
	return makeError(Errc::Unsupported,
			 fmt::format("{} is a QMI port, but zanryod was built without QMI "
				     "(-DZANRYO_WITH_QMI=OFF); use the modem's AT port",
				     path));
#endif
}

} /* namespace */

Result<std::shared_ptr<Modem>> makeModem(boost::asio::io_context &io, const ModemConfig &config,
					 const std::string &stateDir, const std::string &sysfsRoot)
{
	// ModemManager's modems (discovery): the mm backend is not built in yet.
	if (config.device.rfind("mm:", 0) == 0)
		return makeError(Errc::Unsupported,
				 fmt::format("{}: zanryod has no ModemManager backend yet; set discover = \"direct\" "
					     "or name the modem's port in a [[modem]] entry",
					     config.device));
	auto spec = parseDeviceSpec(config.device);
	if (!spec)
		return spec.error();
	const std::string &device = spec->path;
	switch (controlPortOf(*spec, sysfsRoot)) {
	case ControlPort::Qmi:
		return makeQmi(io, device, config, stateDir);
	case ControlPort::Mbim:
		return makeError(Errc::Unsupported,
				 fmt::format("{} is an MBIM port, which zanryod cannot use yet; give the modem's "
					     "AT port or its QMI port (qmi:PATH)",
					     device));
	case ControlPort::At:
		break;
	}
	if (!config.atPort.empty())
		return makeError(Errc::ConfigError,
				 fmt::format("at_port is for a QMI device; {} is an AT port already", config.device));
	return makeAt(io, device, config, stateDir);
}

} /* namespace zanryo */
