#include "sysfs_modems.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/core.h>

namespace zanryo {

namespace fs = std::filesystem;

namespace {

// Sources for every row: docs/discovery.md. Interface numbers are the firmware's default
// USB composition; a modem switched to another composition (AT+QCFG="usbnet", Sierra's
// !USBCOMP) is not recognised and needs a [[modem]] entry.
constexpr KnownModem kKnownModems[] = {
	// Quectel: if 0 DIAG, 1 NMEA, 2 AT primary, 3 AT (PPP), 4 QMI.
	{ 0x2c7c, 0x0121, "Quectel EC21", 2, 4, {} },
	{ 0x2c7c, 0x0125, "Quectel EC25/EG25", 2, 4, {} },
	{ 0x2c7c, 0x0191, "Quectel EG91", 2, 4, {} },
	{ 0x2c7c, 0x0195, "Quectel EG95", 2, 4, {} },
	{ 0x2c7c, 0x0296, "Quectel BG96", 2, 4, {} },
	{ 0x2c7c, 0x0306, "Quectel EP06/EG06/EM06", 2, 4, {} },
	{ 0x2c7c, 0x0512, "Quectel EG12/EM12", 2, 4, {} },
	{ 0x2c7c, 0x0800, "Quectel RM500Q", 2, 4, {} },
	// Sierra Wireless 9x15 and later (qcserial "SWI" layout): 0 DIAG, 2 NMEA, 3 AT, 8 QMI.
	{ 0x1199, 0x68c0, "Sierra Wireless MC7304/MC7354", 3, 8, {} },
	{ 0x1199, 0x9041, "Sierra Wireless MC7305/MC7355", 3, 8, {} },
	{ 0x1199, 0x9071, "Sierra Wireless MC7455 (MC74xx)", 3, 8, {} },
	{ 0x1199, 0x9079, "Sierra Wireless EM7455 (EM74xx)", 3, 8, {} },
	{ 0x1199, 0x9091, "Sierra Wireless EM7565", 3, 8, {} },
	// Huawei: the AT ("PCUI") port is the vendor interface ff/01/02 or ff/02/02, wherever
	// the USB mode puts it; no QMI (NCM/ECM or MBIM for data).
	{ 0x12d1, 0x0000, "Huawei", -1, -1, { 0xff0102, 0xff0202 } },
	// Telit LE920A4 / LE910Cx: QMI on interface 2 (qmi_wwan). Their AT interfaces are
	// not in a public table zanryod can cite, so the AT port is not used (-1).
	{ 0x1bc7, 0x1201, "Telit LE920/LE920A4", -1, 2, {} },
	{ 0x1bc7, 0x1230, "Telit LE910Cx", -1, 2, {} },
	{ 0x1bc7, 0x1260, "Telit LE910Cx", -1, 2, {} },
	// Fibocom FM150 (2cb7:0104): 0 QCDM, 1 AT primary, 2 AT, 4 QMI; NL668-AM
	// (2cb7:01a0): 2 AT primary, no QMI.
	{ 0x2cb7, 0x0104, "Fibocom FM150/NL678", 1, 4, {} },
	{ 0x2cb7, 0x01a0, "Fibocom NL668-AM", 2, -1, {} },
	// SIMCom SIM7100/SIM7600 (1e0e:9001): 0 QCDM, 1 NMEA, 2 AT primary, 3 AT, 5 QMI;
	// SIM7070/SIM7080/SIM7090 (1e0e:9205): 2 AT primary, no QMI.
	{ 0x1e0e, 0x9001, "SIMCom SIM7100/SIM7600", 2, 5, {} },
	{ 0x1e0e, 0x9205, "SIMCom SIM7070/SIM7080/SIM7090", 2, -1, {} },
	// u-blox TOBY-R2 / LARA-R2 (cdc-acm): interface 0 is the primary AT port; LARA-L6:
	// QMI on interface 4 (its AT interface is not cited, so unused).
	{ 0x1546, 0x1107, "u-blox TOBY-R2", 0, -1, {} },
	{ 0x1546, 0x110a, "u-blox LARA-R2", 0, -1, {} },
	{ 0x1546, 0x1342, "u-blox LARA-L6", -1, 4, {} },
};

std::string firstLine(const fs::path &path)
{
	std::ifstream in(path);
	std::string line;
	std::getline(in, line);
	while (!line.empty() && (line.back() == '\n' || line.back() == ' ' || line.back() == '\r'))
		line.pop_back();
	return line;
}

std::optional<unsigned> hexValue(const std::string &text)
{
	if (text.empty() || text.size() > 8)
		return std::nullopt;
	unsigned v = 0;
	for (char c : text) {
		int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
							 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
		if (d < 0)
			return std::nullopt;
		v = v * 16 + unsigned(d);
	}
	return v;
}

/// The USB interface and device directories above a class node's directory.
struct UsbPlace {
	fs::path interface;  ///< has bInterfaceNumber
	fs::path device;     ///< has idVendor and idProduct
};

std::optional<UsbPlace> usbPlaceOf(fs::path dir, const fs::path &devicesRoot)
{
	for (int depth = 0; depth < 12 && !dir.empty(); depth++) {
		if (dir == devicesRoot || dir == dir.parent_path())
			return std::nullopt;
		std::error_code ec;
		if (fs::exists(dir / "bInterfaceNumber", ec)) {
			fs::path device = dir.parent_path();
			if (fs::exists(device / "idVendor", ec) && fs::exists(device / "idProduct", ec))
				return UsbPlace{ dir, device };
			return std::nullopt;
		}
		dir = dir.parent_path();
	}
	return std::nullopt;
}

const KnownModem *lookup(std::uint16_t vendor, std::uint16_t product)
{
	const KnownModem *anyProduct = nullptr;
	for (const KnownModem &k : kKnownModems) {
		if (k.vendor != vendor)
			continue;
		if (k.product == product)
			return &k;
		if (k.product == 0)
			anyProduct = &k;
	}
	return anyProduct;
}

struct Group {
	std::string description;
	std::vector<std::string> atPorts;
	std::vector<std::string> qmiPorts;
	std::vector<std::string> names;
	std::vector<std::string> reasons;  ///< why a port of this group was not used
};

std::vector<std::string> classEntries(const fs::path &dir)
{
	std::vector<std::string> names;
	std::error_code ec;
	for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
		names.push_back(it->path().filename().string());
	std::sort(names.begin(), names.end());
	return names;
}

std::string canonicalString(const fs::path &p)
{
	std::error_code ec;
	fs::path c = fs::canonical(p, ec);
	return ec ? std::string() : c.string();
}

} /* namespace */

std::span<const KnownModem> knownModems()
{
	return kKnownModems;
}

SysfsScan scanModems(const std::string &sysfsRoot, const std::string &devRoot, bool withQmi)
{
	SysfsScan scan;
	const fs::path root(sysfsRoot);
	const fs::path devicesRoot = fs::path(canonicalString(root / "devices"));
	std::map<std::string, Group> groups;
	auto node = [&](const std::string &name) { return (fs::path(devRoot) / name).string(); };

	// Linux 5.13+ WWAN subsystem: every port says what it carries.
	for (const std::string &name : classEntries(root / "class/wwan")) {
		fs::path dir = canonicalString(root / "class/wwan" / name);
		std::string type = firstLine(dir / "type");
		if (dir.empty() || type.empty())
			continue; // wwan0 itself, the device the ports belong to
		auto usb = usbPlaceOf(dir.parent_path(), devicesRoot);
		std::string key = usb ? usb->device.string() : dir.parent_path().string();
		Group &g = groups[key];
		if (g.description.empty())
			g.description = fmt::format("WWAN device {}", dir.parent_path().filename().string());
		g.names.push_back(name);
		if (type == "AT")
			g.atPorts.push_back(node(name));
		else if (type == "QMI")
			g.qmiPorts.push_back(node(name));
		else
			scan.skipped.push_back({ name, fmt::format("a WWAN port of type {}, neither AT nor QMI", type) });
	}

	struct ClassKind {
		const char *cls;
		bool qmi;
	};
	for (ClassKind kind : { ClassKind{ "tty", false }, ClassKind{ "usbmisc", true } }) {
		for (const std::string &name : classEntries(root / "class" / kind.cls)) {
			fs::path dir = canonicalString(root / "class" / kind.cls / name);
			if (dir.empty())
				continue;
			auto usb = usbPlaceOf(dir.parent_path(), devicesRoot);
			if (!usb)
				continue; // not USB: a UART, a console, a pty: never a discovered modem
			auto vendor = hexValue(firstLine(usb->device / "idVendor"));
			auto product = hexValue(firstLine(usb->device / "idProduct"));
			auto ifnum = hexValue(firstLine(usb->interface / "bInterfaceNumber"));
			if (!vendor || !product || !ifnum)
				continue;
			const KnownModem *known = lookup(std::uint16_t(*vendor), std::uint16_t(*product));
			if (!known) {
				scan.skipped.push_back(
					{ name, fmt::format("{:04x}:{:04x} is not in the table of known modems; name it "
							    "in a [[modem]] entry if it is one",
							    *vendor, *product) });
				continue;
			}
			std::string key = usb->device.string();
			Group &g = groups[key];
			g.description = fmt::format("{} ({:04x}:{:04x})", known->model, *vendor, *product);
			g.names.push_back(name);
			int n = int(*ifnum);
			if (kind.qmi) {
				fs::path driver;
				std::error_code ec;
				driver = fs::read_symlink(usb->interface / "driver", ec);
				std::string drv = ec ? std::string() : driver.filename().string();
				if (n != known->qmiInterface)
					g.reasons.push_back(fmt::format("{}: interface {} is not the QMI port of the {}", name, n,
								       known->model));
				else if (drv != "qmi_wwan")
					g.reasons.push_back(fmt::format("{}: driven by {}, not qmi_wwan (an MBIM or NCM "
								       "composition)", name, drv.empty() ? "no driver" : drv));
				else
					g.qmiPorts.push_back(node(name));
				continue;
			}
			bool at = n == known->atInterface;
			if (!at && known->atInterface < 0) {
				auto cls = hexValue(firstLine(usb->interface / "bInterfaceClass"));
				auto sub = hexValue(firstLine(usb->interface / "bInterfaceSubClass"));
				auto proto = hexValue(firstLine(usb->interface / "bInterfaceProtocol"));
				if (cls && sub && proto) {
					std::uint32_t triple = (*cls << 16) | (*sub << 8) | *proto;
					at = triple != 0 && std::find(std::begin(known->atClassTriples), std::end(known->atClassTriples),
						       triple) != std::end(known->atClassTriples);
				}
			}
			if (at)
				g.atPorts.push_back(node(name));
			else
				g.reasons.push_back(
					fmt::format("{}: interface {} is not the AT port of the {}", name, n, known->model));
		}
	}

	for (auto &[key, g] : groups) {
		FoundModem m;
		m.sysfsDevice = key;
		m.description = g.description;
		std::sort(g.atPorts.begin(), g.atPorts.end());
		std::sort(g.qmiPorts.begin(), g.qmiPorts.end());
		m.portNames = g.names;
		if (!g.atPorts.empty())
			m.atPort = g.atPorts.front();
		if (!g.qmiPorts.empty())
			m.qmiPort = g.qmiPorts.front();
		if (!m.qmiPort.empty() && withQmi)
			m.device = "qmi:" + m.qmiPort;
		else if (!m.atPort.empty())
			m.device = "at:" + m.atPort;
		else if (!m.qmiPort.empty())
			m.skipReason = fmt::format("only a QMI port ({}) and zanryod was built without QMI", m.qmiPort);
		else
			m.skipReason = "no AT or QMI port yet";
		for (std::string &r : g.reasons)
			scan.skipped.push_back({ r.substr(0, r.find(':')), r.substr(r.find(':') + 2) });
		scan.modems.push_back(std::move(m));
	}
	return scan;
}

} /* namespace zanryo */
