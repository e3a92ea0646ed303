#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "libmodem/codec/result.hpp"

namespace zanryo {

/// The kernel's counters of one network interface at one moment.
struct InterfaceCounters {
	std::uint64_t ifindex = 0;
	std::uint64_t rxBytes = 0;
	std::uint64_t txBytes = 0;
	friend bool operator==(const InterfaceCounters &, const InterfaceCounters &) = default;
};

/// What is kept across restarts for one SIM (usage-<simKey>.json in the state directory).
struct UsageState {
	std::uint64_t periodBytes = 0;    ///< counted since periodStart
	std::int64_t periodStart = 0;     ///< Unix s of the period the bytes belong to
	std::uint64_t totalBytes = 0;     ///< counted since counting began; never reset
	std::uint64_t reportMark = 0;     ///< totalBytes when the carrier last stated remaining data
	std::int64_t reportAt = 0;        ///< UpdatedAt of that reading, 0 none
	std::string bootId;               ///< /proc/sys/kernel/random/boot_id of the raw values
	std::map<std::string, InterfaceCounters> last; ///< raw values of the last sample, by name
	friend bool operator==(const UsageState &, const UsageState &) = default;
};

std::string serializeUsageState(const UsageState &state);
Result<UsageState> parseUsageState(std::string_view text);

/// \brief Turns samples of the kernel's byte counters into bytes used, whatever happens
/// between two samples:
/// - a counter lower than before (driver reset, 32-bit wrap) counts its new value: the
///   kernel restarted it from zero;
/// - a new ifindex under the same name (interface deleted and re-created) counts the new
///   counters from zero;
/// - another boot id (the machine rebooted since the raw values were saved) counts the
///   new counters from zero;
/// - an interface never seen before only sets its baseline: its earlier traffic may
///   belong to an older period or another SIM.
/// At most the traffic between the last sample and a reset or a crash of the machine is
/// lost; a restart of the daemon loses nothing (the raw values are persisted).
class UsageCounter
{
public:
	/// \param bootId the current boot id; when it differs from the restored one, every
	/// remembered interface counts from zero at its next sample.
	UsageCounter(UsageState restored, std::string bootId);

	/// Adds what \a name carried since its previous sample; returns those bytes.
	std::uint64_t add(const std::string &name, const InterfaceCounters &now);
	/// Starts a new period at \a start: the period total goes back to zero.
	void startPeriod(std::int64_t start);
	/// A carrier reading of remaining data arrived (its UpdatedAt is \a at).
	void markReport(std::int64_t at);
	std::uint64_t countedSinceReport() const { return state_.totalBytes - state_.reportMark; }

	const UsageState &state() const { return state_; }

private:
	UsageState state_;
};

/// Reads /proc/sys/kernel/random/boot_id (or \a path); empty when unreadable.
std::string readBootId(const std::string &path = "/proc/sys/kernel/random/boot_id");

} /* namespace zanryo */
