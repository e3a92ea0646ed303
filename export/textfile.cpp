#include "textfile.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace zanryo::exporter {

std::error_code writeFileAtomically(const std::string &path, const std::string &content)
{
	// node_exporter reads only *.prom, so the temporary name never gets collected.
	std::string tmp = path + ".tmp." + std::to_string(::getpid());
	int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return { errno, std::generic_category() };
	const char *p = content.data();
	std::size_t left = content.size();
	while (left > 0) {
		ssize_t n = ::write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			std::error_code ec(errno, std::generic_category());
			::close(fd);
			::unlink(tmp.c_str());
			return ec;
		}
		p += n;
		left -= std::size_t(n);
	}
	if (::fsync(fd) != 0 || ::close(fd) != 0) {
		std::error_code ec(errno, std::generic_category());
		::unlink(tmp.c_str());
		return ec;
	}
	if (::rename(tmp.c_str(), path.c_str()) != 0) {
		std::error_code ec(errno, std::generic_category());
		::unlink(tmp.c_str());
		return ec;
	}
	return {};
}

} /* namespace zanryo::exporter */
