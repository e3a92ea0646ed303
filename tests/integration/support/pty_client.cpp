#include "support/pty_client.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>
#include <utility>

namespace zanryo::test {

const std::regex &finalResultRegex()
{
	static const std::regex re(R"(\r\n(OK|ERROR|\+CME ERROR: [^\r]*|\+CMS ERROR: [^\r]*)\r\n|\r\n> )");
	return re;
}

PtyClient::PtyClient(const std::string &path)
{
	fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd_ < 0)
		throw std::runtime_error("open " + path + ": " + std::strerror(errno));
	termios tio{};
	if (::tcgetattr(fd_, &tio) == 0) {
		::cfmakeraw(&tio);
		// TCSANOW, not TCSAFLUSH: URCs already waiting in the port are part of the test.
		::tcsetattr(fd_, TCSANOW, &tio);
	}
}

PtyClient::~PtyClient()
{
	if (fd_ >= 0)
		::close(fd_);
}

bool PtyClient::send(std::string_view bytes)
{
	while (!bytes.empty()) {
		ssize_t n = ::write(fd_, bytes.data(), bytes.size());
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR) {
				pollfd p{ fd_, POLLOUT, 0 };
				::poll(&p, 1, 100);
				continue;
			}
			gone_ = true;
			return false;
		}
		bytes.remove_prefix(static_cast<std::size_t>(n));
	}
	return true;
}

void PtyClient::pull(int timeoutMs)
{
	pollfd p{ fd_, POLLIN, 0 };
	if (::poll(&p, 1, timeoutMs) <= 0)
		return;
	char buf[4096];
	for (;;) {
		ssize_t n = ::read(fd_, buf, sizeof buf);
		if (n > 0) {
			buffer_.append(buf, static_cast<std::size_t>(n));
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			gone_ = true;
		return;
	}
}

std::optional<std::string> PtyClient::readUntil(const std::regex &re, Deadline deadline)
{
	for (;;) {
		std::smatch m;
		if (std::regex_search(buffer_, m, re)) {
			std::size_t end = static_cast<std::size_t>(m.position(0) + m.length(0));
			std::string out = buffer_.substr(0, end);
			buffer_.erase(0, end);
			return out;
		}
		auto now = Clock::now();
		if (now >= deadline || gone_)
			return std::nullopt;
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
		pull(static_cast<int>(std::min<long long>(left, 50)) + 1);
	}
}

std::optional<std::string> PtyClient::command(const std::string &line, Clock::duration timeout)
{
	if (!send(line + "\r"))
		return std::nullopt;
	return readUntil(finalResultRegex(), within(timeout));
}

std::string PtyClient::collect(Deadline deadline)
{
	while (Clock::now() < deadline && !gone_) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
		pull(static_cast<int>(std::max<long long>(1, std::min<long long>(left, 50))));
	}
	return std::exchange(buffer_, {});
}

} /* namespace zanryo::test */
