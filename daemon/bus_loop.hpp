#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sdbus-c++/IConnection.h>

namespace zanryo {

/// Drives an sdbus-c++ connection from the daemon's one io_context: waits on the bus fd
/// and sd-bus's own timeout, then lets sd-bus process what is pending. Replies sent
/// from other handlers must be followed by rearm() so queued output gets flushed.
class BusLoop
{
public:
	BusLoop(boost::asio::io_context &io, sdbus::IConnection &connection);
	~BusLoop();

	BusLoop(const BusLoop &) = delete;
	BusLoop &operator=(const BusLoop &) = delete;

	/// Process what is pending and wait again with fresh poll data.
	void rearm();
	void stop();
	/// The connection broke (dbus-daemon stopped or restarted): the loop has stopped
	/// the io_context, and zanryod exits so systemd starts it again on a new connection.
	bool lost() const { return lost_; }

private:
	void process();
	void arm();

	boost::asio::io_context &io_;
	sdbus::IConnection &connection_;
	std::unique_ptr<boost::asio::posix::stream_descriptor> fd_;
	boost::asio::steady_timer timer_;
	bool stopped_ = false;
	bool rearmPosted_ = false;
	bool lost_ = false;
};

} /* namespace zanryo */
