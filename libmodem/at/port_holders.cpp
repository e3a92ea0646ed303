#include "libmodem/at/port_holders.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <string_view>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fmt/core.h>

namespace zanryo {

namespace {

// devices.txt: UNIX98 pty slaves are majors 136-143, 256 minors each.
constexpr unsigned kPtySlaveMajorFirst = 136;
constexpr unsigned kPtySlaveMajorLast = 143;
// /dev/ptmx and /dev/pts/ptmx are both 5:2.
constexpr unsigned kPtmxMajor = 5;
constexpr unsigned kPtmxMinor = 2;

bool allDigits(std::string_view s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

/// The "tty-index:" of a /dev/ptmx fd (drivers/tty/pty.c pty_show_fdinfo): which slave
/// this master drives; -1 for any other fd.
long ptyMasterIndex(const std::string &fdinfo)
{
	std::ifstream in(fdinfo);
	std::string line;
	while (std::getline(in, line)) {
		constexpr std::string_view key = "tty-index:";
		if (line.rfind(key, 0) == 0) {
			std::string_view v(line);
			v.remove_prefix(key.size());
			while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
				v.remove_prefix(1);
			if (allDigits(v))
				return std::stol(std::string(v));
			return -1;
		}
	}
	return -1;
}

} /* namespace */

std::vector<PortHolder> portHolders(const std::string &path, const std::string &procRoot, pid_t self)
{
	std::vector<PortHolder> holders;
	struct stat port {};
	if (::stat(path.c_str(), &port) != 0 || !S_ISCHR(port.st_mode))
		return holders;
	unsigned maj = major(port.st_rdev);
	long ptyIndex = maj >= kPtySlaveMajorFirst && maj <= kPtySlaveMajorLast
				? long((maj - kPtySlaveMajorFirst) * 256 + minor(port.st_rdev))
				: -1;

	DIR *proc = ::opendir(procRoot.c_str());
	if (!proc)
		return holders;
	while (dirent *p = ::readdir(proc)) {
		std::string_view pidText(p->d_name);
		if (!allDigits(pidText))
			continue;
		pid_t pid = pid_t(std::stol(std::string(pidText)));
		if (pid == self)
			continue;
		std::string base = procRoot + "/" + std::string(pidText);
		DIR *fds = ::opendir((base + "/fd").c_str());
		if (!fds)
			continue;  // gone meanwhile, or not ours to read
		bool holdsPort = false;
		bool holdsMaster = false;
		while (dirent *f = ::readdir(fds)) {
			if (!allDigits(f->d_name))
				continue;
			std::string fd = base + "/fd/" + f->d_name;
			struct stat st {};
			if (::stat(fd.c_str(), &st) != 0 || !S_ISCHR(st.st_mode))
				continue;
			if (st.st_rdev == port.st_rdev)
				holdsPort = true;
			else if (ptyIndex >= 0 && st.st_rdev == makedev(kPtmxMajor, kPtmxMinor) &&
				 ptyMasterIndex(base + "/fdinfo/" + f->d_name) == ptyIndex)
				holdsMaster = true;
		}
		::closedir(fds);
		if (!holdsPort || holdsMaster)
			continue;
		PortHolder h;
		h.pid = pid;
		std::ifstream comm(base + "/comm");
		std::getline(comm, h.name);
		holders.push_back(std::move(h));
	}
	::closedir(proc);
	std::sort(holders.begin(), holders.end(), [](const PortHolder &a, const PortHolder &b) { return a.pid < b.pid; });
	return holders;
}

std::string describeHolders(const std::vector<PortHolder> &holders)
{
	std::string out;
	for (const PortHolder &h : holders) {
		if (!out.empty())
			out += ", ";
		out += h.name.empty() ? fmt::format("PID {}", h.pid) : fmt::format("PID {} ({})", h.pid, h.name);
	}
	return out;
}

} /* namespace zanryo */
