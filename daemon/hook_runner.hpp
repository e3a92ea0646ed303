#pragma once

#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace zanryo {

/// How one hook run ended.
struct HookOutcome {
	std::optional<int> exitCode;  ///< set when the program exited
	std::optional<int> signal;    ///< set when a signal ended it
	bool timedOut = false;        ///< the timeout passed and zanryod stopped it
	bool spawnFailed = false;     ///< the program could not be started
	std::string output;           ///< stdout+stderr, at most kMaxOutput bytes
	std::size_t droppedOutput = 0;
};

/// \brief Runs an alert hook program, one at a time, without blocking the io_context.
///
/// The program is started with posix_spawn from an argv array (never through a shell,
/// so carrier text in the environment cannot become a command), in its own process
/// group, with stdin on /dev/null, the daemon's other descriptors closed, signal
/// dispositions and mask reset, and the values in environment variables. Its exit is
/// watched through a pidfd on the io_context; output is read from a pipe and logged,
/// bounded. After the timeout the group gets SIGTERM, then SIGKILL after a grace
/// period. Runs requested while one is active wait in a short queue; when the queue is
/// full the new run is dropped with a log line.
class HookRunner
{
public:
	static constexpr std::size_t kMaxOutput = 4096;
	static constexpr std::size_t kMaxQueue = 8;
	/// Longest value of one variable; longer values (a huge SMS) are cut at a UTF-8 boundary.
	static constexpr std::size_t kMaxValue = 16384;

	/// \param label names the modem in log lines.
	/// \param argv argv[0] is an absolute path; empty makes run() a no-op.
	HookRunner(boost::asio::io_context &io, std::string label, std::vector<std::string> argv,
		   std::chrono::milliseconds timeout,
		   std::chrono::milliseconds killGrace = std::chrono::seconds(5));
	~HookRunner();
	HookRunner(const HookRunner &) = delete;
	HookRunner &operator=(const HookRunner &) = delete;

	bool enabled() const { return !argv_.empty(); }
	/// Starts the hook with \a env added to the daemon's environment (replacing any
	/// ZANRYO_* it had), or queues it behind the running one. Returns false when dropped.
	bool run(std::map<std::string, std::string> env);
	bool busy() const { return child_ > 0; }

	/// Called on the io thread after each run (tests; the daemon only logs).
	std::function<void(const HookOutcome &)> onFinished;

private:
	void start(std::map<std::string, std::string> env);
	void readOutput();
	void watchExit();
	void exited(int status);
	void onTimeout();
	void finish();

	boost::asio::io_context &io_;
	std::string label_;
	std::vector<std::string> argv_;
	std::chrono::milliseconds timeout_;
	std::chrono::milliseconds killGrace_;
	std::deque<std::map<std::string, std::string>> queue_;

	pid_t child_ = -1;
	std::unique_ptr<boost::asio::posix::stream_descriptor> pidfd_;
	std::unique_ptr<boost::asio::posix::stream_descriptor> output_;
	boost::asio::steady_timer timer_;
	std::array<char, 1024> buffer_{};
	HookOutcome outcome_;
	bool exited_ = false;
	bool outputClosed_ = false;
	bool termSent_ = false;
	bool finished_ = false;
	unsigned run_ = 0;  ///< tells handlers of an earlier run apart
	std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

} /* namespace zanryo */
