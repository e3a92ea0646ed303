#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "config.hpp"
#include "plan.hpp"
#include "state_store.hpp"
#include "usage_counter.hpp"

namespace zanryo {

struct UsageOptions {
	std::string sysRoot = "/sys";
	std::string bootIdPath = "/proc/sys/kernel/random/boot_id";
	/// Wait for the first packet on an idle interface with an AF_PACKET socket (needs
	/// CAP_NET_RAW; without it an idle interface is re-checked with a backing-off timer).
	bool packetTap = true;
	/// Follow RTM_NEWLINK/RTM_DELLINK (interface up, down, deleted, re-created).
	bool netlink = true;
	/// Longest wait between two samples of an idle interface without a packet tap.
	std::chrono::seconds idleBackstopMax{ 30 * 60 };
	/// While traffic flows, the state file is written at most this often (flash wear); a
	/// daemon restart loses nothing in between, a power cut at most this much counting.
	std::chrono::seconds saveEvery{ 10 * 60 };
};

/// \brief Counts one modem's traffic from the kernel's interface counters and works out
/// the Usage figures against the SIM's plan and the last carrier reading.
///
/// Sampling wastes no wakeups: a timer runs at the sampling interval only while the
/// interface carried traffic in the last interval. Once idle, the monitor waits on an
/// AF_PACKET socket that wakes it at the next packet (when permitted), and always on
/// rtnetlink link events (up, down, deleted, re-created); a deleted interface's final
/// counters come from the RTM_DELLINK message. A down or absent interface arms no timer.
class UsageMonitor
{
public:
	using Now = std::function<std::chrono::system_clock::time_point()>;
	/// Called with the Usage property names whose values changed, at most once per
	/// sampling interval.
	using Changed = std::function<void(const std::vector<std::string> &properties)>;

	enum class Mode { Absent, Active, Idle };

	UsageMonitor(boost::asio::io_context &io, const ModemConfig &config, std::string device,
		     std::string statePath, Now now, Changed changed, UsageOptions options = {});
	~UsageMonitor();
	UsageMonitor(const UsageMonitor &) = delete;
	UsageMonitor &operator=(const UsageMonitor &) = delete;

	void start();
	/// Stops sampling and saves the state.
	void stop();

	/// A balance reading: \a fresh when it just came from the carrier, false when
	/// restored from disk at start.
	void carrierReading(const StoredBalance &stored, bool fresh);

	/// The figures, with the counters sampled first (a D-Bus read always sees the
	/// kernel's current numbers).
	const UsageFigures &figures();
	/// The figures as last computed, without sampling (for the Changed callback).
	const UsageFigures &lastFigures() const { return figures_; }
	/// "wwan0", "wwan0,usb0"; "" while none is known.
	const std::string &interfaceNames() const { return interfaceNames_; }
	Mode mode() const { return mode_; }
	const UsageState &state() const { return counter_.state(); }

	/// Sample every interface now (timers, events and tests use it).
	void sample();

	/// The name the Interface property shows while the count comes from the modem.
	static constexpr const char *kModemCounters = "modem";
	/// Counters the modem keeps itself (QMI WDS packet statistics): counted only while
	/// sysfs shows no network interface for the modem, since the kernel's counters are
	/// what the host really sent. A lower value than before (a new data call) is a reset.
	void sampleModemCounters(std::uint64_t rxBytes, std::uint64_t txBytes);
	/// Whether the count comes from the modem's counters (no interface is known).
	bool wantsModemCounters() const { return !stopped_ && interfaces_.empty(); }

private:
	void sampleInterface(const std::string &name, const InterfaceCounters &c);
	void afterSample(bool sawTraffic, bool anyUp);
	void rollPeriodIfDue();
	void recompute();
	void notify();
	void save();
	void resolveInterfaces();
	void setMode(Mode mode);
	void armTimer(std::chrono::seconds delay);
	void armPeriodTimer();
	bool openTaps();
	void closeTaps();
	void openNetlink();
	void waitNetlink();
	void onNetlink();
	std::int64_t nowUnix() const;

	boost::asio::io_context &io_;
	std::chrono::seconds interval_;
	std::string configuredInterface_;
	std::string device_;
	std::string statePath_;
	Now now_;
	Changed changed_;
	UsageOptions options_;
	Plan plan_;
	std::vector<std::string> interfaces_;
	std::string interfaceNames_;
	UsageCounter counter_;
	std::optional<CarrierData> carrier_;
	UsageFigures figures_;
	UsageFigures emitted_;
	std::string emittedInterfaces_;
	bool emittedOnce_ = false;
	std::int64_t periodEnd_ = 0;
	Mode mode_ = Mode::Absent;
	std::chrono::seconds idleDelay_{ 0 };
	bool stopped_ = true;
	bool dirty_ = false;
	bool bytesSinceSave_ = false;
	bool notifyPending_ = false;
	bool sampledThisTurn_ = false;
	std::chrono::steady_clock::time_point lastSave_{};
	std::chrono::steady_clock::time_point lastEmit_{};
	boost::asio::steady_timer sampleTimer_;
	boost::asio::steady_timer periodTimer_;
	boost::asio::steady_timer emitTimer_;
	std::unique_ptr<boost::asio::posix::stream_descriptor> netlink_;
	std::vector<std::unique_ptr<boost::asio::posix::stream_descriptor>> taps_;
	bool tapsDenied_ = false;
	/// Posted handlers hold a weak reference: they do nothing once the monitor is gone.
	std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

/// Reads a usage state file; std::nullopt when there is none, an error when it is corrupt.
Result<std::optional<UsageState>> loadUsageState(const std::string &path);

} /* namespace zanryo */
