#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/MethodResult.h>
#include <sdbus-c++/Types.h>

#include "config.hpp"
#include "history_store.hpp"
#include "hook_runner.hpp"
#include "libmodem/backend/modem.hpp"
#include "libmodem/balance/extract.hpp"
#include "provider_source.hpp"
#include "state_store.hpp"
#include "thresholds.hpp"
#include "usage_monitor.hpp"

namespace zanryo {

class BusLoop;
class ModemObject;
class ProviderDb;
struct ProviderProfile;
struct BalanceMethod;

/// What one modem's D-Bus object shows; the object reads it, the service writes it.
struct ModemSnapshot {
	std::string device;
	std::string backend;
	ModemIdentity identity;
	std::string provider;
	std::string state = "opening";  ///< opening, ready, querying, gone, failed
	std::string lastError;
	std::optional<StoredBalance> balance;
	bool stale = true;
	std::string ussdState = "idle";  ///< idle, active, user-response
};

/// Shared by every modem of the daemon.
struct ServiceContext {
	boost::asio::io_context &io;
	sdbus::IConnection &connection;
	BusLoop &busLoop;
	const StateStore &store;
	ProviderSource *providers = nullptr;  ///< may be null (no database)
	std::function<std::chrono::system_clock::time_point()> now = [] {
		return std::chrono::system_clock::now();
	};
	HistoryStore *history = nullptr;  ///< null when history_days = 0 or the file cannot be made
};

/// \brief One modem: opens it, publishes its object, keeps its balance fresh.
///
/// Queries are serialised: a Refresh while a query runs joins it (coalescing), a poll
/// due while one runs is skipped. Persisted readings are published Stale at start.
class ModemService
{
public:
	ModemService(ServiceContext &ctx, ModemConfig config, std::shared_ptr<Modem> modem);
	~ModemService();

	void start();
	void stop();
	/// \brief The modem went away (unplugged, or ModemManager dropped it): stop, remove the
	/// D-Bus object (InterfacesRemoved), close the modem, and call \a done (posted on the
	/// io_context) once no coroutine of this service runs any more. The owner destroys the
	/// service in \a done, never before: the coroutines and timers borrow `this`.
	void retire(std::function<void()> done);
	/// Coroutines of this service still running (retire() waits for 0).
	unsigned running() const { return running_; }

	const ModemSnapshot &snapshot() const { return snapshot_; }
	const ModemConfig &config() const { return config_; }

	/// D-Bus entry points (called by ModemObject on the io thread).
	void refresh(sdbus::Result<std::map<std::string, sdbus::Variant>> &&result);
	bool startQueryIfAllowed();
	void ussdInitiate(sdbus::Result<std::string> &&result, std::string code);
	void ussdRespond(sdbus::Result<std::string> &&result, std::string text);
	void ussdCancel(sdbus::Result<> &&result);
	std::map<std::string, std::string> identityForPrivilegedCaller() const;

	/// The values a Refresh returns, keyed by Balance property names.
	std::map<std::string, sdbus::Variant> balanceValues() const;

	/// Traffic counting of this modem; null until the SIM is known or when counting is
	/// off (interface = "none").
	UsageMonitor *usage() { return usage_.get(); }
	/// History.GetHistory: readings and hourly usage of the last \a days days
	/// (modem_alerts.cpp). Throws sdbus::Error with a documented name.
	std::pair<std::vector<HistoryReading>, std::vector<HourlyUsage>> history(unsigned days) const;
	unsigned historyRetentionDays() const;
	/// For the usage counter: adds \a bytes to the hour of \a at in this SIM's history.
	void recordUsage(std::chrono::system_clock::time_point at, std::uint64_t bytes);

private:
	/// co_spawn of a coroutine that borrows `this`, counted in running_ so that
	/// retire() knows when the service can be destroyed. \a make returns the awaitable
	/// (a lambda coroutine is kept alive by co_spawn for as long as it runs).
	template <typename F>
	void spawn(F make)
	{
		running_++;
		boost::asio::co_spawn(ctx_.io, std::move(make), [this](std::exception_ptr) { coroutineEnded(); });
	}
	void coroutineEnded();
	boost::asio::awaitable<void> run();
	/// Opens the modem, retrying every failure with backoff; false only when stopped.
	boost::asio::awaitable<bool> openWithBackoff();
	/// openWithBackoff(), then the identity, starting over when that fails; nullopt
	/// only when stopped.
	boost::asio::awaitable<std::optional<ModemIdentity>> openAndIdentify();
	/// The modem failed after it was published (a re-plugged port that does not
	/// answer AT): close it and open it again with backoff, keeping the object.
	boost::asio::awaitable<void> reopen();
	boost::asio::awaitable<void> queryAndPublish();
	boost::asio::awaitable<Result<StoredBalance>> queryOnce();
	/// What askCarrier() brings back.
	struct CarrierReply {
		std::string text;
		std::string source;  ///< StoredBalance::source
		std::string damaged; ///< SmsMessage::damaged of an SMS reply, else ""
	};
	boost::asio::awaitable<Result<CarrierReply>> askCarrier();
	void onSms(const SmsMessage &sms);
	/// Deletes a message zanryod consumed (its query's reply, a carrier notice it parsed)
	/// from the modem's storage when the modem's delete_replies says so; nothing else is
	/// ever deleted.
	void deleteConsumed(const SmsMessage &sms);
	/// Runs one USSD exchange for a D-Bus caller, keeping the Ussd.State property right.
	void runUssd(sdbus::Result<std::string> &&result,
		     std::function<boost::asio::awaitable<Result<UssdReply>>(Modem::Duration)> exchange);
	/// Why this modem cannot be queried at all (method "none", no provider profile or no
	/// verified method with method "auto"), with the fix; nullopt when it can.
	std::optional<std::string> cannotQuery() const;
	/// The provider profile's first verified USSD or SMS method; null if none.
	const BalanceMethod *verifiedMethod() const;
	bool minIntervalPassed(std::chrono::steady_clock::time_point now) const;
	void publish(StoredBalance stored, bool stale);
	void setState(const std::string &state);
	void setLastError(const Error &error);
	void scheduleNext(std::chrono::seconds delay);
	void createObject();
	ExtractContext extractContext(std::chrono::system_clock::time_point at) const;
	// modem_alerts.cpp: history and the alert hook after a fresh reading.
	void recordHistory();
	/// The state, usage and history of this SIM kept under its key of before the
	/// installation secret (zanryo 0.1 without installation.key) move to its key now.
	void adoptLegacyState(const std::string &legacyKey);
	void runAlertHook(const LowEvent *low);
	/// The Low signal and the alert hook for one crossing.
	void announceLow(const LowEvent &event);
	/// Thresholds against the Usage figures after they changed.
	void usageThresholds();
	/// Feeds the modem's own packet counters to the usage monitor while no network
	/// interface is known; ends at once for a modem that keeps none (AT).
	boost::asio::awaitable<void> countModemTraffic();
	/// Adds the bytes counted since the last call to the history's current hour.
	void usageToHistory();

	ServiceContext &ctx_;
	ModemConfig config_;
	std::shared_ptr<Modem> modem_;
	ModemSnapshot snapshot_;
	std::string logName_;  ///< the prefix of this modem's log lines
	std::unique_ptr<ModemObject> object_;
	std::string simKey_;
	std::string country_;
	std::shared_ptr<const ProviderProfile> profile_;  ///< null: no single provider
	std::optional<BalanceExtractor> extractor_;
	std::vector<ReplyRule> rules_;
	std::optional<std::string> currency_;  ///< the provider's, for amounts with no currency
	unsigned dataUnitBase_ = 1024;          ///< the provider's 1 GB = N MB
	ThresholdTracker thresholds_;
	HookRunner hook_;
	std::uint64_t historyUsageMark_ = 0;  ///< usage total already in the hourly history
	boost::asio::steady_timer pollTimer_;
	bool querying_ = false;
	bool ussdBusy_ = false;
	bool stopped_ = false;
	boost::asio::steady_timer modemCountTimer_;
	boost::asio::steady_timer reopenTimer_;
	bool opening_ = false;  ///< openWithBackoff() runs: a failed open() is retried
	bool unplugged_ = false;  ///< logged "unplugged"; the next Ready logs "plugged in again"
	unsigned failures_ = 0;
	std::optional<std::chrono::steady_clock::time_point> lastQueryStart_;
	std::vector<sdbus::Result<std::map<std::string, sdbus::Variant>>> refreshWaiters_;
	std::string lastQueryError_;
	std::string lastQueryErrorName_;
	std::unique_ptr<UsageMonitor> usage_;
	unsigned running_ = 0;          ///< coroutines spawned and not ended (spawn())
	std::function<void()> onIdle_;  ///< set by retire()
};

} /* namespace zanryo */
