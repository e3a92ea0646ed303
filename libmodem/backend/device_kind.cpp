#include "device_kind.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/core.h>

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

} /* namespace */

std::string_view controlPortName(ControlPort port) noexcept
{
	switch (port) {
	case ControlPort::At:
		return "at";
	case ControlPort::Qmi:
		return "qmi";
	case ControlPort::Mbim:
		return "mbim";
	}
	return "at";
}

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

Result<DeviceSpec> parseDeviceSpec(std::string_view device)
{
	struct Prefix {
		std::string_view text;
		ControlPort port;
	};
	static constexpr Prefix kPrefixes[] = { { "qmi:", ControlPort::Qmi },
						{ "at:", ControlPort::At } };
	for (const Prefix &p : kPrefixes) {
		if (device.substr(0, p.text.size()) != p.text)
			continue;
		if (device.size() == p.text.size())
			return makeError(Errc::ConfigError,
					 fmt::format("empty device path after {}", p.text));
		return DeviceSpec{ std::string(device.substr(p.text.size())), p.port };
	}
	if (device.empty())
		return makeError(Errc::ConfigError, "empty device path");
	return DeviceSpec{ std::string(device), std::nullopt };
}

ControlPort controlPortOf(const DeviceSpec &spec, const std::string &sysfsRoot)
{
	return spec.forced ? *spec.forced : controlPortOf(spec.path, sysfsRoot);
}

} /* namespace zanryo */
