#pragma once
// A test plays the modem on the master side of an openpty() pair; the AtChannel under
// test opens the slave path, exactly as it opens /dev/ttyUSB2.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <pty.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <gtest/gtest.h>

namespace zanryo::test {

namespace asio = boost::asio;

/// Run \a aw on \a io until it finishes or \a limit passes (the test then fails).
template<typename T>
std::optional<T> runFor(asio::io_context &io, asio::awaitable<T> aw,
			std::chrono::milliseconds limit = std::chrono::seconds(10))
{
	std::optional<T> result;
	bool done = false;
	// Boost 1.74's co_spawn wants a default-constructible result: store it ourselves.
	auto wrapper = [](asio::awaitable<T> inner, std::optional<T> &out,
			  bool &finished) -> asio::awaitable<void> {
		out.emplace(co_await std::move(inner));
		finished = true;
	};
	asio::co_spawn(io, wrapper(std::move(aw), result, done), [](std::exception_ptr e) {
		if (e)
			std::rethrow_exception(e);
	});
	auto deadline = std::chrono::steady_clock::now() + limit;
	while (!done && std::chrono::steady_clock::now() < deadline)
		io.run_one_for(std::chrono::milliseconds(20));
	EXPECT_TRUE(done) << "the coroutine did not finish in time";
	return result;
}

/// Keep running \a io until \a cond holds or \a limit passes.
inline bool runUntil(asio::io_context &io, const std::function<bool()> &cond,
		     std::chrono::milliseconds limit = std::chrono::seconds(10))
{
	auto deadline = std::chrono::steady_clock::now() + limit;
	while (!cond() && std::chrono::steady_clock::now() < deadline)
		io.run_one_for(std::chrono::milliseconds(20));
	return cond();
}

/// The modem side of a pty: collects command lines (ended by CR, or by Ctrl-Z / ESC after
/// a prompt) and hands each to \a onCommand, which answers with reply().
class PtyModem
{
public:
	explicit PtyModem(asio::io_context &io) : io_(io), master_(io) { openPair(); }
	~PtyModem() { shutdown(); }

	/// A stable path (a symlink in a temporary directory) to the current slave, so a test
	/// can make the device vanish and come back.
	const std::string &path() const { return link_; }

	void reply(const std::string &bytes)
	{
		if (masterFd_ >= 0)
			(void)!::write(masterFd_, bytes.data(), bytes.size());
	}
	/// Answer later, as a slow modem or network does.
	void replyAfter(std::chrono::milliseconds delay, std::string bytes)
	{
		auto timer = std::make_shared<asio::steady_timer>(io_, delay);
		timer->async_wait([this, timer, bytes = std::move(bytes)](boost::system::error_code ec) {
			if (!ec)
				reply(bytes);
		});
	}

	/// Called for each command line received (without its terminator); the terminator
	/// is passed too: '\r', '\x1a' (Ctrl-Z) or '\x1b' (ESC).
	std::function<void(const std::string &line, char terminator)> onCommand;
	std::vector<std::string> received;

	/// Unplug: close the master and remove the path (USB re-enumeration).
	void unplug()
	{
		::unlink(link_.c_str());
		boost::system::error_code ec;
		master_.close(ec);
		masterFd_ = -1;
		if (slaveFd_ >= 0)
			::close(slaveFd_);
		slaveFd_ = -1;
	}
	/// Plug back: a new pty behind the same path.
	void replug() { openPair(); }

	void shutdown()
	{
		if (!link_.empty())
			::unlink(link_.c_str());
		boost::system::error_code ec;
		master_.close(ec);
		if (slaveFd_ >= 0)
			::close(slaveFd_);
		slaveFd_ = -1;
		if (!dir_.empty()) {
			std::filesystem::remove_all(dir_, ec2_);
			dir_.clear();
		}
	}

private:
	void openPair()
	{
		int m = -1, s = -1;
		ASSERT_EQ(::openpty(&m, &s, nullptr, nullptr, nullptr), 0);
		::fcntl(m, F_SETFL, ::fcntl(m, F_GETFL) | O_NONBLOCK);
		masterFd_ = m;
		// The test keeps the slave open too, so the master never sees EIO before the
		// channel has opened it.
		slaveFd_ = s;
		if (dir_.empty()) {
			char tmpl[] = "/tmp/zanryo-pty-XXXXXX";
			dir_ = ::mkdtemp(tmpl);
			link_ = dir_ + "/modem";
		}
		std::filesystem::create_symlink(::ttyname(s), link_);
		master_ = asio::posix::stream_descriptor(io_, m);
		asio::co_spawn(io_, readLoop(), [](std::exception_ptr) {});
	}

	asio::awaitable<void> readLoop()
	{
		std::array<char, 1024> buf;
		std::string line;
		while (true) {
			boost::system::error_code ec;
			std::size_t n = co_await master_.async_read_some(
				asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
			if (ec)
				co_return;
			for (std::size_t i = 0; i < n; ++i) {
				char c = buf[i];
				if (c == '\r' || c == '\x1a' || c == '\x1b') {
					received.push_back(line);
					if (onCommand)
						onCommand(line, c);
					line.clear();
				} else if (c != '\n') {
					line.push_back(c);
				}
			}
		}
	}

	asio::io_context &io_;
	asio::posix::stream_descriptor master_;
	int masterFd_ = -1;
	int slaveFd_ = -1;
	std::string dir_;
	std::string link_;
	std::error_code ec2_;
};

} /* namespace zanryo::test */
