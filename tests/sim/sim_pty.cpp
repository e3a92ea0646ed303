#include "sim_pty.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace zanryo::sim {

int PtyPort::open(std::string *error)
{
	int master = -1, slave = -1;
	char name[256] = {};
	struct termios tio;
	std::memset(&tio, 0, sizeof tio);
	cfmakeraw(&tio);
	cfsetispeed(&tio, B115200);
	cfsetospeed(&tio, B115200);
	if (openpty(&master, &slave, name, &tio, nullptr) != 0) {
		*error = fmt::format("openpty: {}", std::strerror(errno));
		return -1;
	}
	// The slave stays open here: without it, the master reads EIO whenever no client
	// holds the port, which a real modem's port never does.
	fcntl(master, F_SETFD, FD_CLOEXEC);
	fcntl(slave, F_SETFD, FD_CLOEXEC);
	slaveFd_ = slave;
	slavePath_ = name;
	if (!linkPath_.empty()) {
		std::string tmp = linkPath_ + ".new";
		::unlink(tmp.c_str());
		if (::symlink(slavePath_.c_str(), tmp.c_str()) != 0 || ::rename(tmp.c_str(), linkPath_.c_str()) != 0) {
			*error = fmt::format("link {} -> {}: {}", linkPath_, slavePath_, std::strerror(errno));
			::unlink(tmp.c_str());
			::close(master);
			close();
			return -1;
		}
	}
	return master;
}

void PtyPort::close()
{
	if (slaveFd_ >= 0) {
		::close(slaveFd_);
		slaveFd_ = -1;
		if (!linkPath_.empty())
			::unlink(linkPath_.c_str());
	}
	slavePath_.clear();
}

} /* namespace zanryo::sim */
