#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "sim_at_engine.hpp"
#include "sim_pty.hpp"
#include "sim_scenario.hpp"

namespace zanryo::sim {

/// The simulated modem as a whole: the pty it answers on, the AT engine and network
/// behind it, the write path with the slow/garbage faults, the control socket.
/// Everything runs on one io_context thread.
class Simulator : public TerminalSink, public Scheduler
{
public:
	Simulator(boost::asio::io_context &io, Scenario scenario, std::string linkPath);
	~Simulator() override;

	/// Open the port and start answering. False (with \a error) if the pty cannot be made.
	bool start(std::string *error);
	/// Listen for control commands on a unix stream socket at \a path.
	bool listenControl(const std::string &path, std::string *error);
	/// Close everything and remove the link and the socket (SIGTERM).
	void shutdown();

	/// One control command line, one answer line ("ok", "error: ...", or JSON).
	std::string control(std::string_view line);

	// TerminalSink
	void toTerminal(std::string bytes) override;
	// Scheduler
	void after(std::chrono::milliseconds delay, std::function<void()> fn) override;

private:
	bool plug(std::string *error);
	void unplug();
	void startRead();
	void pump();
	void garbage(std::size_t n);
	void acceptControl();
	void serveControl(std::shared_ptr<boost::asio::local::stream_protocol::socket> socket,
			  std::shared_ptr<std::string> buffer);

	boost::asio::io_context &io_;
	Scenario scenario_;
	Faults faults_;
	AtEngine engine_;
	PtyPort pty_;
	std::unique_ptr<boost::asio::posix::stream_descriptor> port_;
	unsigned portGen_ = 0;  ///< bumped on unplug: handlers of an old port do nothing
	std::deque<std::string> out_;
	bool writing_ = false;
	boost::asio::steady_timer slowTimer_;
	std::array<char, 1024> readBuf_{};
	std::mt19937 rng_{ std::random_device{}() };

	std::string controlPath_;
	std::unique_ptr<boost::asio::local::stream_protocol::acceptor> acceptor_;
	bool stopped_ = false;
};

} /* namespace zanryo::sim */
