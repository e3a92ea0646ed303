#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

/// \file
/// \brief libzanryo-client: read and drive zanryod over D-Bus from C++.
///
/// Errors are thrown as zanryo::client::Error carrying the D-Bus error name
/// (org.zanryo.Zanryo1.Error.Timeout, ...) documented in docs/dbus-api.md.

namespace zanryo::client {

/// \brief A failed call: the D-Bus error name and the daemon's message.
class Error : public std::runtime_error
{
public:
	Error(std::string name, const std::string &message)
		: std::runtime_error(message), name_(std::move(name)) {}
	/// e.g. "org.zanryo.Zanryo1.Error.Busy"
	const std::string &name() const noexcept { return name_; }

private:
	std::string name_;
};

/// \brief One element of Balance.Buckets: a part of the account the reply named.
struct Bucket {
	std::string kind;          ///< "main", "bonus", "data", "sms", "minutes", "other"
	std::string label;         ///< the carrier's own word for it; empty when only the kind is known
	std::string unit;          ///< "money", "bytes", "count"; empty when only an expiry is known
	std::string money;         ///< exact decimal when unit is "money"
	std::string currency;      ///< ISO 4217 when unit is "money" and known
	std::uint64_t amount = 0;  ///< bytes or count
	std::uint64_t expires = 0; ///< Unix seconds, 0 when unknown

	friend bool operator==(const Bucket &, const Bucket &) = default;
};

/// \brief org.zanryo.Zanryo1.Balance, as values.
struct Balance {
	bool hasData = false;
	std::uint64_t dataRemaining = 0;  ///< bytes, meaningful when hasData
	std::uint64_t dataTotal = 0;      ///< bytes, 0 when the carrier did not say
	bool dataUnlimited = false;
	std::string money;                ///< exact decimal ("125.50"), empty when unknown
	std::string currency;             ///< ISO 4217
	std::uint64_t expires = 0;        ///< Unix seconds, 0 when unknown
	std::uint64_t updatedAt = 0;      ///< Unix seconds, 0 when never
	std::string source;               ///< "ussd:*100#", "sms:...", "notice:..."
	std::string rawReply;
	bool stale = true;
	std::int32_t dataUsedPercent = -1; ///< share used, as a carrier notice said it; -1 = not stated
	bool throttled = false;           ///< a carrier notice said the speed is reduced
	bool dataLow = false;             ///< a carrier notice warned that data runs low
	std::vector<Bucket> buckets;      ///< every part of the account, in reply order
	std::string repaired;             ///< how a mis-decoded reply was repaired; empty when not
	std::string damaged;              ///< what was wrong with a leniently decoded SMS; empty when not
	std::vector<std::string> inferred; ///< values zanryo inferred: "expires"
};

/// \brief org.zanryo.Zanryo1.Usage: zanryod's own count against the plan.
struct Usage {
	bool present = false;             ///< the modem object has the Usage interface
	std::string interface;            ///< "wwan0"; empty when none is known
	std::uint64_t usedThisPeriod = 0; ///< bytes
	std::uint64_t periodStart = 0;    ///< Unix seconds
	std::uint64_t periodEnd = 0;      ///< Unix seconds, 0 = never ends
	std::uint32_t daysLeft = 0;
	std::uint64_t dailyAverage = 0;   ///< bytes per day
	bool hasEstimate = false;
	std::uint64_t estimatedRemaining = 0; ///< bytes, meaningful when hasEstimate
	std::uint64_t projectedRunOut = 0;    ///< Unix seconds, 0 = not before the period ends
	std::uint64_t allowance = 0;          ///< bytes per period, 0 = unknown or unlimited
};

/// \brief Modem.Thresholds: the values at which zanryod emits Balance.Low.
struct Thresholds {
	std::optional<std::uint64_t> dataBytes;   ///< "data-bytes": bytes left
	std::optional<std::uint32_t> dataPercent; ///< "data-percent": percent of the total left
	std::string money;                        ///< "money": exact decimal, empty when not set
	std::optional<std::uint32_t> expiryDays;  ///< "expiry-days": days before expiry
	bool runOut = false;                      ///< "run-out": projected run-out is signalled
	bool any() const { return dataBytes || dataPercent || !money.empty() || expiryDays || runOut; }
};

/// \brief One modem object with its org.zanryo.Zanryo1.Modem properties and its balance.
struct ModemStatus {
	std::string path;  ///< /org/zanryo/Zanryo1/modem/<id>
	std::string device;
	std::string backend;
	std::string manufacturer;
	std::string model;
	std::string operatorMccMnc;
	std::string operatorName;
	std::string provider;
	std::string state;
	std::string lastError;
	Balance balance;
	Usage usage;
	std::string name;  ///< Modem.Name, the configured name; "" when unset or not published
	/// Modem.ReplyTimeout: seconds zanryod waits for the carrier's reply to a query;
	/// 0 when zanryod does not publish it (older than this library).
	std::uint32_t replyTimeout = 0;
	/// Modem.Thresholds; none set when zanryod has none configured or does not publish it.
	Thresholds thresholds;
};

/// \brief One carrier reading from org.zanryo.Zanryo1.History.GetHistory (units as Balance).
struct HistoryReading {
	std::uint64_t at = 0;             ///< Unix seconds of the carrier's reply
	std::string source;
	bool hasData = false;
	std::uint64_t dataRemaining = 0;  ///< bytes, meaningful when hasData
	std::uint64_t dataTotal = 0;      ///< bytes, 0 when not stated
	bool dataUnlimited = false;
	std::string money;                ///< exact decimal, empty when unknown
	std::string currency;
	std::uint64_t expires = 0;        ///< Unix seconds, 0 when unknown
};

/// \brief Bytes carried in one clock hour.
struct HourlyUsage {
	std::uint64_t hourStart = 0;  ///< Unix seconds
	std::uint64_t bytes = 0;
};

/// \brief What History.GetHistory returns, oldest first.
struct History {
	std::vector<HistoryReading> readings;
	std::vector<HourlyUsage> usage;
};

/// \brief A property value as watch() saw it in PropertiesChanged (string arrays: Inferred;
/// bucket arrays: Buckets).
using PropertyValue = std::variant<bool, std::int64_t, std::uint64_t, double, std::string,
				   std::vector<std::string>, std::vector<Bucket>>;

/// \brief Something that changed, for watch().
struct Event {
	enum class Kind { ModemAdded, ModemRemoved, Changed, Low };
	Kind kind;
	std::string path;
	std::vector<std::string> properties;  ///< Changed: the property names
	std::string what;                      ///< Low: "data-bytes", "money", ...
	std::uint64_t value = 0;               ///< Low
	std::uint64_t threshold = 0;           ///< Low
	std::string interface;                 ///< Changed: "org.zanryo.Zanryo1.Balance", ...
	/// Changed: the new value of each changed property (invalidated ones have none);
	/// a value of another D-Bus type than b, n, q, i, u, x, t, d, s, o, as and
	/// a(ssssstt) (Balance.Buckets) is left out.
	std::vector<std::pair<std::string, PropertyValue>> values;
};

/// \brief A connection to zanryod.
class Client
{
public:
	/// \param bus "system", "session" or a D-Bus address ("unix:path=...").
	explicit Client(const std::string &bus = "system");
	~Client();
	Client(const Client &) = delete;
	Client &operator=(const Client &) = delete;

	/// Daemon version (Manager.Version).
	std::string version();
	/// Every modem with its balance, in path order.
	std::vector<ModemStatus> modems();
	/// The object path of \a modem: an object path, its id (the last path element), its
	/// configured name (Modem.Name), a device path (/dev/ttyUSB2), or a prefix of one id
	/// only. Empty selects the only modem. Throws Error with name
	/// org.zanryo.Zanryo1.Error.InvalidArgument when it names none or several; the
	/// message then lists every modem as "<id> (<device>)".
	std::string resolve(const std::string &modem);

	/// Balance.Refresh: runs a query now and returns the new values.
	Balance refresh(const std::string &modem,
			std::chrono::milliseconds timeout = std::chrono::minutes(5));
	/// History.GetHistory: readings and hourly usage of the last \a days days (1..3650).
	History history(const std::string &modem, unsigned days);

	/// Manager.RefreshAll: how many queries were started.
	unsigned refreshAll();

	/// Ussd.Initiate: sends \a code and returns the network's reply text (a menu when
	/// ussdState() is then "user-response").
	std::string ussdInitiate(const std::string &modem, const std::string &code,
				 std::chrono::milliseconds timeout = std::chrono::minutes(2));
	/// Ussd.Respond: answers the open menu and returns the next reply text.
	std::string ussdRespond(const std::string &modem, const std::string &answer,
				std::chrono::milliseconds timeout = std::chrono::minutes(2));
	/// Ussd.Cancel: ends the USSD session, if any.
	void ussdCancel(const std::string &modem);
	/// Ussd.State: "idle", "active" or "user-response".
	std::string ussdState(const std::string &modem);

	/// Calls \a onEvent for each change until it returns false or \a limit passes.
	void watch(const std::function<bool(const Event &)> &onEvent,
		   std::optional<std::chrono::milliseconds> limit = std::nullopt);

	/// \brief What to wait for before calling processPending(), for programs that run
	/// their own event loop (poll(2), Boost.Asio) instead of watch().
	struct PollData {
		int fd = -1;
		short events = 0;    ///< POLLIN and/or POLLOUT
		int timeoutMs = -1;  ///< -1 = no timeout
	};
	/// The connection's fd, events and timeout as they are now; ask again after each
	/// processPending().
	PollData pollData();
	/// Handles every message that is ready (signals reach ModemMirror's callback from
	/// here). Throws Error when the connection to the bus is broken.
	void processPending();

private:
	friend class ModemMirror;
	struct Impl;
	std::unique_ptr<Impl> impl_;
};

/// \brief A copy of every modem zanryod publishes, kept current from its signals alone:
/// one GetManagedObjects at construction and whenever zanryod (re)appears on the bus,
/// then PropertiesChanged, InterfacesAdded and InterfacesRemoved. No polling.
///
/// Signals are handled inside Client::processPending() or Client::watch().
class ModemMirror
{
public:
	/// \brief What changed, passed to the callback after the mirror is updated.
	struct Change {
		enum class Kind { DaemonAppeared, DaemonVanished, ModemAdded, ModemRemoved, Changed, Low };
		Kind kind;
		std::string path;                    ///< empty for DaemonAppeared/DaemonVanished
		std::string interface;               ///< Changed: org.zanryo.Zanryo1.Balance, ...
		std::vector<std::string> properties; ///< Changed: the property names
		std::string what;                    ///< Low: as Event::what
		std::uint64_t value = 0;             ///< Low
		std::uint64_t threshold = 0;         ///< Low
	};

	/// \param client borrowed; must outlive the mirror.
	/// \param onChange called for each change (may be empty).
	ModemMirror(Client &client, std::function<void(const Change &)> onChange);
	~ModemMirror();
	ModemMirror(const ModemMirror &) = delete;
	ModemMirror &operator=(const ModemMirror &) = delete;

	/// Whether org.zanryo.Zanryo1 has an owner now.
	bool daemonPresent() const { return present_; }
	/// The modems by object path; empty while zanryod is away.
	const std::map<std::string, ModemStatus> &modems() const { return modems_; }

private:
	void reload();

	Client &client_;
	std::function<void(const Change &)> onChange_;
	bool present_ = false;
	std::map<std::string, ModemStatus> modems_;
	struct Slots;
	std::unique_ptr<Slots> slots_;
};

/// "1.25 GiB"-style text for a byte count (binary units, as carriers count).
std::string formatBytes(std::uint64_t bytes);

} /* namespace zanryo::client */
