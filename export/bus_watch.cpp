#include "bus_watch.hpp"

#include <poll.h>

namespace zanryo::exporter {

namespace asio = boost::asio;

BusWatch::BusWatch(asio::io_context &io, client::Client &client, std::function<void(const std::string &)> onLost)
	: io_(io), client_(client), onLost_(std::move(onLost)), timer_(io)
{
	process();
}

BusWatch::~BusWatch()
{
	stop();
}

void BusWatch::stop()
{
	stopped_ = true;
	timer_.cancel();
	if (fd_) {
		// The fd belongs to sd-bus: release it instead of closing it.
		fd_->cancel();
		(void)fd_->release();
		fd_.reset();
	}
}

void BusWatch::process()
{
	if (stopped_)
		return;
	try {
		client_.processPending();
		arm();
	} catch (const client::Error &e) {
		stop();
		if (onLost_)
			onLost_(e.what());
	}
}

void BusWatch::arm()
{
	client::Client::PollData poll = client_.pollData();
	if (!fd_ || fd_->native_handle() != poll.fd) {
		if (fd_) {
			fd_->cancel();
			(void)fd_->release();
		}
		fd_ = std::make_unique<asio::posix::stream_descriptor>(io_, poll.fd);
	}
	fd_->cancel();
	// When sd-bus wants both, waiting for write is enough: processPending() reads too.
	auto wait = (poll.events & POLLOUT) ? asio::posix::stream_descriptor::wait_write
					    : asio::posix::stream_descriptor::wait_read;
	fd_->async_wait(wait, [this](const boost::system::error_code &ec) {
		if (ec == asio::error::operation_aborted || stopped_)
			return;
		timer_.cancel();
		process();
	});
	timer_.cancel();
	if (poll.timeoutMs >= 0) {
		timer_.expires_after(std::chrono::milliseconds(poll.timeoutMs));
		timer_.async_wait([this](const boost::system::error_code &ec) {
			if (ec == asio::error::operation_aborted || stopped_)
				return;
			process();
		});
	}
}

} /* namespace zanryo::exporter */
