#include "netif.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace zanryo {

namespace fs = std::filesystem;

namespace {

/// One small sysfs file as an unsigned number (decimal or 0x hex); nullopt when absent.
std::optional<std::uint64_t> readNumber(const std::string &path)
{
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return std::nullopt;
	char buf[64];
	ssize_t n;
	do
		n = ::read(fd, buf, sizeof buf - 1);
	while (n < 0 && errno == EINTR);
	::close(fd);
	if (n <= 0)
		return std::nullopt;
	buf[n] = '\0';
	char *end = nullptr;
	errno = 0;
	unsigned long long v = std::strtoull(buf, &end, 0);
	if (end == buf || errno != 0)
		return std::nullopt;
	return std::uint64_t(v);
}

std::string subsystemOf(const fs::path &dir)
{
	std::error_code ec;
	fs::path target = fs::read_symlink(dir / "subsystem", ec);
	return ec ? std::string() : target.filename().string();
}

/// Names of `net/<name>` entries at most \a depth levels below \a dir (symlinks are not
/// followed, so `subsystem` and `driver` links lead nowhere).
void collectNet(const fs::path &dir, int depth, std::vector<std::string> &out)
{
	std::error_code ec;
	for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
		const fs::directory_entry &e = *it;
		if (e.is_symlink(ec) || !e.is_directory(ec))
			continue;
		if (e.path().filename() == "net") {
			for (fs::directory_iterator n(e.path(), ec); !ec && n != end; n.increment(ec))
				out.push_back(n->path().filename().string());
			ec.clear();
		} else if (depth > 0) {
			collectNet(e.path(), depth - 1, out);
		}
	}
}

} /* namespace */

std::vector<std::string> netInterfacesForDevice(std::string_view device, const std::string &sysRoot)
{
	std::string path(device);
	for (std::string_view prefix : { "at:", "qmi:" })
		if (path.rfind(prefix, 0) == 0)
			path.erase(0, prefix.size());
	// /dev/serial/by-id/... and udev's other links name the real node.
	char resolved[PATH_MAX];
	if (::realpath(path.c_str(), resolved))
		path = resolved;
	std::string name = fs::path(path).filename().string();
	if (name.empty())
		return {};

	fs::path node;
	std::error_code ec;
	for (const char *cls : { "tty", "usbmisc", "usb", "wwan" }) {
		fs::path candidate = fs::path(sysRoot) / "class" / cls / name;
		if (fs::exists(candidate, ec)) {
			node = fs::canonical(candidate, ec);
			if (!ec)
				break;
			node.clear();
		}
	}
	if (node.empty())
		return {};

	const fs::path devicesRoot = fs::canonical(fs::path(sysRoot) / "devices", ec);
	std::vector<std::string> found;
	fs::path dir = node.parent_path();
	for (int level = 0; level < 8 && !dir.empty() && dir != devicesRoot && dir != dir.root_path(); level++) {
		collectNet(dir, 3, found);
		if (!found.empty())
			break;
		std::string subsystem = subsystemOf(dir);
		if (fs::exists(dir / "idVendor", ec) || subsystem == "wwan" || subsystem == "pci")
			break;
		dir = dir.parent_path();
	}
	std::sort(found.begin(), found.end());
	found.erase(std::unique(found.begin(), found.end()), found.end());
	return found;
}

std::optional<InterfaceCounters> readInterfaceCounters(const std::string &sysRoot, const std::string &name)
{
	std::string base = sysRoot + "/class/net/" + name;
	auto ifindex = readNumber(base + "/ifindex");
	auto rx = readNumber(base + "/statistics/rx_bytes");
	auto tx = readNumber(base + "/statistics/tx_bytes");
	if (!ifindex || !rx || !tx)
		return std::nullopt;
	return InterfaceCounters{ *ifindex, *rx, *tx };
}

bool interfaceIsUp(const std::string &sysRoot, const std::string &name)
{
	auto flags = readNumber(sysRoot + "/class/net/" + name + "/flags");
	return flags && (*flags & 0x1); // IFF_UP
}

} /* namespace zanryo */
