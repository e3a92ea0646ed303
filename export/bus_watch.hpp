#pragma once

#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <zanryo/client.hpp>

namespace zanryo::exporter {

/// Drives a client::Client from an io_context: waits on its fd and timeout, then lets it
/// handle what is pending (ModemMirror's callbacks run from there). The same shape as
/// zanryod's BusLoop, through the client library's PollData.
class BusWatch
{
public:
	/// \a onLost is called once when the bus connection breaks.
	BusWatch(boost::asio::io_context &io, client::Client &client, std::function<void(const std::string &)> onLost);
	~BusWatch();
	BusWatch(const BusWatch &) = delete;
	BusWatch &operator=(const BusWatch &) = delete;

private:
	void process();
	void arm();
	void stop();

	boost::asio::io_context &io_;
	client::Client &client_;
	std::function<void(const std::string &)> onLost_;
	std::unique_ptr<boost::asio::posix::stream_descriptor> fd_;
	boost::asio::steady_timer timer_;
	bool stopped_ = false;
};

} /* namespace zanryo::exporter */
