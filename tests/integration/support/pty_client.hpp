#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "support/wait.hpp"

namespace zanryo::test {

/// A raw AT client on a tty path (the simulator's link): what a test uses to speak
/// AT byte for byte, with no project code in between.
class PtyClient
{
public:
	/// Open \a path read-write, non-blocking, in raw mode. Throws std::runtime_error.
	explicit PtyClient(const std::string &path);
	~PtyClient();
	PtyClient(const PtyClient &) = delete;
	PtyClient &operator=(const PtyClient &) = delete;

	/// Write all of \a bytes. False if the port is gone (EIO after an unplug).
	bool send(std::string_view bytes);
	/// Read until \a re matches the bytes received so far (not yet consumed), or
	/// \a deadline. On a match, returns everything up to the end of the match and keeps
	/// the rest for the next read; std::nullopt on timeout (nothing is consumed).
	std::optional<std::string> readUntil(const std::regex &re, Deadline deadline);
	/// Send "\a line\r" and read up to the final result code (OK, ERROR, +CME ERROR: n,
	/// +CMS ERROR: n) or the "> " prompt. Returns the whole response; std::nullopt on timeout.
	std::optional<std::string> command(const std::string &line,
					   Clock::duration timeout = std::chrono::seconds(3));
	/// Whatever arrived until \a deadline (for "nothing more is said" checks).
	std::string collect(Deadline deadline);
	/// Bytes received but not consumed by a read yet.
	const std::string &pending() const { return buffer_; }
	/// The port returned EOF/EIO: the device went away.
	bool gone() const { return gone_; }

private:
	void pull(int timeoutMs);

	int fd_ = -1;
	std::string buffer_;
	bool gone_ = false;
};

/// The final result codes of V.250 §5.7.1 and TS 27.007 §9.2, and the SMS prompt.
const std::regex &finalResultRegex();

} /* namespace zanryo::test */
