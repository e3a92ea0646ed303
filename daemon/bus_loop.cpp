#include "bus_loop.hpp"

#include <ctime>
#include <poll.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>

#include "log.hpp"

namespace zanryo {

namespace asio = boost::asio;

BusLoop::BusLoop(asio::io_context &io, sdbus::IConnection &connection)
	: io_(io), connection_(connection), timer_(io)
{
	process();
}

BusLoop::~BusLoop()
{
	stop();
}

void BusLoop::stop()
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

void BusLoop::rearm()
{
	if (stopped_ || rearmPosted_)
		return;
	rearmPosted_ = true;
	asio::post(io_, [this] {
		rearmPosted_ = false;
		process();
	});
}

void BusLoop::process()
{
	if (stopped_)
		return;
	// Each call handles one message; loop until sd-bus has nothing left.
	try {
		while (connection_.processPendingRequest()) {
			if (stopped_)
				return;
		}
		arm();
	} catch (const sdbus::Error &e) {
		// sd-bus cannot reconnect a broken connection; objects and the name would have
		// to be set up again on a new one, which a restart does cleanly.
		logError("lost the bus connection: {}", e.getMessage());
		lost_ = true;
		stop();
		io_.stop();
	}
}

void BusLoop::arm()
{
	sdbus::IConnection::PollData poll = connection_.getEventLoopPollData();

	if (!fd_ || fd_->native_handle() != poll.fd) {
		if (fd_) {
			fd_->cancel();
			(void)fd_->release();
		}
		fd_ = std::make_unique<asio::posix::stream_descriptor>(io_, poll.fd);
	}

	fd_->cancel();
	// When sd-bus wants both, waiting for write is enough: process() reads too.
	auto wait = (poll.events & POLLOUT) ? asio::posix::stream_descriptor::wait_write
					    : asio::posix::stream_descriptor::wait_read;
	fd_->async_wait(wait, [this](const boost::system::error_code &ec) {
		if (ec == asio::error::operation_aborted || stopped_)
			return;
		timer_.cancel();
		process();
	});

	// sd-bus timeout is absolute CLOCK_MONOTONIC in microseconds; UINT64_MAX = none.
	timer_.cancel();
	if (poll.timeout_usec != UINT64_MAX) {
		timespec now{};
		clock_gettime(CLOCK_MONOTONIC, &now);
		uint64_t nowUsec = uint64_t(now.tv_sec) * 1000000u + uint64_t(now.tv_nsec) / 1000u;
		auto delay = poll.timeout_usec > nowUsec ? poll.timeout_usec - nowUsec : 0;
		timer_.expires_after(std::chrono::microseconds(delay));
		timer_.async_wait([this](const boost::system::error_code &ec) {
			if (ec == asio::error::operation_aborted || stopped_)
				return;
			process();
		});
	}
}

} /* namespace zanryo */
