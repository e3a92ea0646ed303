#pragma once

#include <string>

namespace zanryo::sim {

/// A pseudo-terminal standing in for the modem's USB serial port, with an optional
/// stable symlink (like /dev/ttyUSB2) pointing at its slave side.
class PtyPort
{
public:
	explicit PtyPort(std::string linkPath) : linkPath_(std::move(linkPath)) {}
	~PtyPort() { close(); }
	PtyPort(const PtyPort &) = delete;
	PtyPort &operator=(const PtyPort &) = delete;

	/// openpty(), raw mode on the slave (the client sees exactly the bytes), the link
	/// created or replaced atomically. Returns the master fd (the caller owns it) or -1.
	int open(std::string *error);
	/// Close the slave side this process holds and remove the link. The caller closes
	/// the master, which makes the kernel remove the slave node.
	void close();

	const std::string &slavePath() const { return slavePath_; }
	const std::string &linkPath() const { return linkPath_; }

private:
	std::string linkPath_;
	std::string slavePath_;
	int slaveFd_ = -1;
};

} /* namespace zanryo::sim */
