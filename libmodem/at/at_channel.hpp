#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "libmodem/at/port_holders.hpp"
#include "libmodem/codec/at_framer.hpp"
#include "libmodem/codec/result.hpp"
#include "libmodem/codec/trace_mask.hpp"

namespace zanryo {

/// \brief What a command answered: its information text and the final result code.
struct AtResponse {
	std::vector<std::string> lines;  ///< information text, echo and URCs removed
	FinalResult final;               ///< OK (errors are returned as Errc::ModemError)
};

/// \brief State of the port under an AtChannel.
enum class AtChannelState {
	Closed,       ///< not opened, or closed on request
	Open,         ///< the port is open; commands are accepted
	Reconnecting, ///< the port vanished; reopening with backoff; commands get DeviceGone
};

std::string_view atChannelStateName(AtChannelState s) noexcept;

/// \brief "+CME ERROR: 30" -> "+CME ERROR: 30 (no network service)": the final result
/// with the meaning of its number (TS 27.007 §9.2, TS 27.005 §3.2.5) when it is known.
std::string describeFinal(const FinalResult &final, std::string_view line);

struct AtChannelOptions {
	/// Reopen the path when the port vanishes (USB re-enumeration, modem reset).
	bool reopen = true;
	std::chrono::milliseconds reopenInitialDelay{ 100 };
	std::chrono::milliseconds reopenMaxDelay{ 5000 };  ///< backoff doubles up to this
	/// Per probe of a resynchronisation after a command timed out.
	std::chrono::milliseconds resyncTimeout{ 1500 };
	/// Silence that ends a resynchronisation: late answers of the hung command arrive
	/// within it and are dropped instead of being taken for the next command's.
	std::chrono::milliseconds resyncQuiet{ 100 };
	/// The modem's name in trace records (its configured name); empty: the path.
	std::string traceName;
	/// Trace this port's dialogue whatever the log level (zanryod's `trace = true`);
	/// it is traced anyway when the level is log::Level::Trace (zanryod --debug).
	bool trace = false;
};

/// \brief Counters for logs and benchmarks.
struct AtChannelStats {
	std::uint64_t commands = 0;
	std::uint64_t timeouts = 0;
	std::uint64_t resyncs = 0;
	std::uint64_t reopens = 0;
	std::uint64_t strayLines = 0;  ///< lines that belonged to no command and were no URC
	std::uint64_t urcs = 0;
};

/// \brief One AT command port (V.250, TS 27.007, TS 27.005) on Boost.Asio coroutines.
///
/// - One command at a time: callers of command() queue in FIFO order.
/// - Each command has its own timeout; after one, the next command first resynchronises
///   (ESC if an SMS prompt was open, then "AT" probes until the modem answers and falls
///   quiet), so a hung command never shifts the answers of the following ones.
/// - The echo (ATE1) is removed; URCs (+CUSD, +CMTI, +CMT + PDU, RING...) go to the URC
///   handler, also while a command is in flight.
/// - AT+CMGS/AT+CMGW: commandWithPayload() waits for the "> " prompt, writes the PDU and
///   Ctrl-Z (TS 27.005 §3.5.1).
/// - When the port vanishes the command in flight fails with Errc::DeviceGone, the path is
///   reopened with exponential backoff, and the state handler is told each change.
///
/// Made with create(); coroutines keep it alive while they run. Single-threaded: use it
/// from the executor it was made with.
class AtChannel : public std::enable_shared_from_this<AtChannel>
{
public:
	using Duration = std::chrono::milliseconds;
	using UrcHandler = std::function<void(const AtEvent &)>;
	using StateHandler = std::function<void(AtChannelState)>;
	/// \a outgoing true for what was written, false for each line read; the raw bytes,
	/// never masked (the log's trace records are masked: trace()).
	using TraceHandler = std::function<void(bool outgoing, std::string_view text)>;

	static std::shared_ptr<AtChannel> create(boost::asio::any_io_executor executor,
						 std::string path, AtChannelOptions options = {});
	~AtChannel();
	AtChannel(const AtChannel &) = delete;
	AtChannel &operator=(const AtChannel &) = delete;

	/// \brief Open the port: raw mode, 115200 8N1, no flow control, CLOCAL (the modem's
	/// DCD must not gate the port). Errors: DeviceGone (no such path), NotAModem (not a
	/// terminal, e.g. /dev/null), ConfigError (permission denied), Busy (another program
	/// holds the port: it is opened with TIOCEXCL, and other holders are looked for in
	/// /proc since root ignores TIOCEXCL; the message names them).
	Result<void> open();
	/// \brief Close the port, stop reopening, fail everything waiting with Cancelled.
	void close();

	/// \brief Run \a line ("AT+CIMI") and wait up to \a timeout for its final result.
	/// Errors: Timeout, ModemError (ERROR/+CME ERROR/+CMS ERROR, with describeFinal()
	/// in the message and the line in Error::raw), DeviceGone, Cancelled.
	boost::asio::awaitable<Result<AtResponse>> command(std::string line, Duration timeout);

	/// \brief Run a command that prompts for data (AT+CMGS=<length>): wait for "> ", write
	/// \a payload and Ctrl-Z, wait for the final result. \a timeout covers the whole.
	boost::asio::awaitable<Result<AtResponse>> commandWithPayload(std::string line,
								      std::string payload,
								      Duration timeout);

	void setUrcHandler(UrcHandler handler) { urcHandler_ = std::move(handler); }
	void setStateHandler(StateHandler handler) { stateHandler_ = std::move(handler); }
	void setTraceHandler(TraceHandler handler) { traceHandler_ = std::move(handler); }

	AtChannelState state() const noexcept { return state_; }
	const std::string &path() const noexcept { return path_; }
	const AtChannelStats &stats() const noexcept { return stats_; }
	boost::asio::any_io_executor executor() const { return executor_; }

private:
	struct Pending {
		std::string line;
		bool wantPrompt = false;
		bool promptSeen = false;
		bool done = false;
		std::optional<Error> error;
		AtResponse response;
		boost::asio::steady_timer *timer = nullptr;
	};

	AtChannel(boost::asio::any_io_executor executor, std::string path, AtChannelOptions options);

	Result<void> openPort();
	/// Busy: the port is held by \a holders (portHolders()), named in the message.
	Error inUse(const std::vector<PortHolder> &holders) const;
	void closePort();
	void setState(AtChannelState s);
	void onEvent(AtEvent ev);
	void failPending(Error error);
	void portLost(std::string why);
	/// The dialogue to the raw trace handler and, when tracing, to the log as trace
	/// records ("--> AT+CIMI", "<-- OK"), masked unless log::unmasked().
	void trace(bool outgoing, std::string_view text);

	boost::asio::awaitable<void> readLoop(std::shared_ptr<AtChannel> self, std::uint64_t generation);
	boost::asio::awaitable<void> reopenLoop(std::shared_ptr<AtChannel> self, std::uint64_t generation);
	boost::asio::awaitable<Result<void>> acquire();
	void release();
	boost::asio::awaitable<Result<void>> write(std::string data);
	/// Write \a line, wait for its final (and prompt + payload when \a payload is set).
	boost::asio::awaitable<Result<AtResponse>> exchange(const std::string &line,
							    const std::string *payload,
							    Duration timeout);
	boost::asio::awaitable<Result<void>> resync();
	boost::asio::awaitable<Result<AtResponse>> run(std::string line, const std::string *payload,
						       Duration timeout);

	boost::asio::any_io_executor executor_;
	std::string path_;
	AtChannelOptions options_;
	boost::asio::posix::stream_descriptor port_;
	AtFramer framer_;
	AtChannelState state_ = AtChannelState::Closed;
	std::uint64_t generation_ = 0;   ///< bumped on every open/close; stale loops stop
	bool closed_ = true;             ///< close() was called (or never opened)
	Pending *pending_ = nullptr;     ///< the command in flight
	bool busy_ = false;              ///< the queue is held
	std::deque<boost::asio::steady_timer *> waiters_;
	bool needsResync_ = false;
	bool promptLeftOpen_ = false;    ///< a timed-out command may have left "> " open
	AtChannelStats stats_;
	UrcHandler urcHandler_;
	StateHandler stateHandler_;
	TraceHandler traceHandler_;
	AtTraceMasker traceMasker_;
};

} /* namespace zanryo */
