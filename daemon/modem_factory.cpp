#include "modem_factory.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/core.h>

#include "libmodem/backend/at_modem.hpp"
#include "libmodem/backend/ussd_fallback_modem.hpp"
#ifdef ZANRYO_HAVE_QMI
#include "libmodem/qmi/qmi_modem.hpp"
#endif

namespace zanryo {

namespace fs = std::filesystem;

namespace {

std::string firstLine(const fs::path &path)
{
	std::ifstream in(path);
	std::string line;
	std::getline(in, line);
	while (!line.empty() && (line.back() == '\n' || line.back() == ' ' || line.back() == '\r'))
		line.pop_back();
	return line;
}

Result<std::shared_ptr<Modem>> makeAt(boost::asio::io_context &io, const std::string &path,
				      const std::string &stateDir)
{
	AtModemOptions options;
	// One directory per device for pending multipart SMS parts.
	std::string id = fs::path(path).filename().string();
	options.smsStateDir = fs::path(stateDir) / ("sms-parts-" + id);
	options.consumeStoredSms = true;
	std::error_code ec;
	fs::create_directories(options.smsStateDir, ec);
	if (ec)
		return makeError(Errc::ConfigError, fmt::format("{}: {}", options.smsStateDir.string(), ec.message()));
	return std::shared_ptr<Modem>(AtModem::create(io.get_executor(), path, options));
}

Result<std::shared_ptr<Modem>> makeQmi([[maybe_unused]] boost::asio::io_context &io, const std::string &path,
				       [[maybe_unused]] const ModemConfig &config,
				       [[maybe_unused]] const std::string &stateDir)
{
#ifdef ZANRYO_HAVE_QMI
	auto qmi = std::make_unique<QmiModem>(io.get_executor(), path);
	if (config.atPort.empty())
		return std::shared_ptr<Modem>(std::move(qmi));
	// USSD through the AT port when the QMI firmware has no usable VOICE service.
	std::string atPath = config.atPort.rfind("at:", 0) == 0 ? config.atPort.substr(3) : config.atPort;
	auto at = makeAt(io, atPath, stateDir);
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

ControlPort controlPortOf(const std::string &devicePath, const std::string &sysfsRoot)
{
	std::error_code ec;
	fs::path real = fs::canonical(devicePath, ec);
	const std::string name = (ec ? fs::path(devicePath) : real).filename().string();
	if (name.empty())
		return ControlPort::At;

	// Linux 5.13+ WWAN subsystem: /dev/wwan0qmi0 and friends say what they carry.
	const fs::path wwan = fs::path(sysfsRoot) / "class/wwan" / name / "type";
	if (std::string type = firstLine(wwan); !type.empty()) {
		if (type == "QMI")
			return ControlPort::Qmi;
		if (type == "MBIM")
			return ControlPort::Mbim;
		return ControlPort::At;
	}

	// cdc-wdm nodes (usbmisc) belong to the driver of their USB interface: qmi_wwan for
	// QMI, cdc_mbim for MBIM; others (huawei_cdc_ncm) carry AT.
	const fs::path driver = fs::path(sysfsRoot) / "class/usbmisc" / name / "device/driver";
	fs::path target = fs::read_symlink(driver, ec);
	if (!ec) {
		std::string d = target.filename().string();
		if (d == "qmi_wwan")
			return ControlPort::Qmi;
		if (d == "cdc_mbim")
			return ControlPort::Mbim;
	}
	return ControlPort::At;
}

Result<std::shared_ptr<Modem>> makeModem(boost::asio::io_context &io, const ModemConfig &config,
					 const std::string &stateDir, const std::string &sysfsRoot)
{
	const std::string &device = config.device;
	if (device.rfind("qmi:", 0) == 0) {
		if (device.size() == 4)
			return makeError(Errc::ConfigError, "empty device path after qmi:");
		return makeQmi(io, device.substr(4), config, stateDir);
	}
	auto notQmi = [&]() -> std::optional<Error> {
		if (config.atPort.empty())
			return std::nullopt;
		return makeError(Errc::ConfigError,
				 fmt::format("at_port is for a QMI device; {} is an AT port already", device));
	};
	if (device.rfind("at:", 0) == 0) {
		if (auto e = notQmi())
			return *e;
		if (device.size() == 3)
			return makeError(Errc::ConfigError, "empty device path after at:");
		return makeAt(io, device.substr(3), stateDir);
	}
	if (device.empty())
		return makeError(Errc::ConfigError, "empty device path");
	switch (controlPortOf(device, sysfsRoot)) {
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
	if (auto e = notQmi())
		return *e;
	return makeAt(io, device, stateDir);
}

} /* namespace zanryo */
