// ModemService after a fresh reading: the history row and the alert hook; and the
// History interface's query. Kept apart from modem_service.cpp, which runs the queries.
#include <fmt/core.h>
#include <sdbus-c++/Error.h>

#include "bus_loop.hpp"
#include "dbus_error.hpp"
#include "hook_env.hpp"
#include "human_units.hpp"
#include "log.hpp"
#include "modem_object.hpp"
#include "modem_service.hpp"
#include "usage_monitor.hpp"

namespace zanryo {

namespace {

constexpr unsigned kMaxHistoryDays = 3650;
constexpr const char *kRootPath = "/org/zanryo/Zanryo1";

} /* namespace */

void ModemService::recordHistory()
{
	if (!ctx_.history || simKey_.empty() || !snapshot_.balance)
		return;
	if (auto r = ctx_.history->recordReading(simKey_, *snapshot_.balance); !r)
		logWarning("{}: {}", logName_, r.error().message());
}

void ModemService::adoptLegacyState(const std::string &legacyKey)
{
	if (legacyKey == simKey_)
		return;
	auto moved = ctx_.store.adoptLegacyFiles(legacyKey, simKey_);
	if (!moved)
		logWarning("{}: {}", logName_, moved.error().message());
	else if (*moved > 0)
		logInfo("{}: state files of SIM key {} renamed to its key {}", logName_, legacyKey, simKey_);
	if (ctx_.history)
		if (auto r = ctx_.history->adoptSim(legacyKey, simKey_); !r)
			logWarning("{}: {}", logName_, r.error().message());
}

void ModemService::recordUsage(std::chrono::system_clock::time_point at, std::uint64_t bytes)
{
	if (!ctx_.history || simKey_.empty())
		return;
	if (auto r = ctx_.history->recordUsage(simKey_, unixSeconds(at), bytes); !r)
		logWarning("{}: {}", logName_, r.error().message());
}

void ModemService::usageToHistory()
{
	if (!usage_)
		return;
	// totalBytes never goes back (it survives restarts and period changes), so the
	// difference is what was counted since the last call; it goes to the hour of now,
	// which at one sample per usage_interval is the hour it went through.
	std::uint64_t total = usage_->state().totalBytes;
	if (total > historyUsageMark_)
		recordUsage(ctx_.now(), total - historyUsageMark_);
	historyUsageMark_ = total;
}

void ModemService::announceLow(const LowEvent &e)
{
	std::optional<Money> money;
	if (snapshot_.balance)
		money = snapshot_.balance->balance.money;
	logInfo("{}: {} is low: {}", logName_, e.what, humanLow(e, money));
	if (object_) {
		object_->low(e.what, e.value, e.threshold);
		ctx_.busLoop.rearm();
	}
	runAlertHook(&e);
}

void ModemService::usageThresholds()
{
	if (!usage_)
		return;
	for (const LowEvent &e : thresholds_.updateUsage(usage_->lastFigures(), unixSeconds(ctx_.now())))
		announceLow(e);
}

void ModemService::runAlertHook(const LowEvent *low)
{
	// A reading run needs a reading; a crossing found by counting alone (a SIM that is
	// never queried) runs with the reading's variables empty.
	if (!hook_.enabled() || (!low && !snapshot_.balance))
		return;
	HookModem modem;
	modem.path = fmt::format("{}/modem/{}", kRootPath, simKey_);
	modem.device = snapshot_.device;
	modem.name = config_.name;
	modem.provider = snapshot_.provider;
	static const StoredBalance kNoReading{};
	hook_.run(hookEnvironment(modem, snapshot_.balance ? *snapshot_.balance : kNoReading, low,
				  usage_ ? &usage_->lastFigures() : nullptr));
}

unsigned ModemService::historyRetentionDays() const
{
	return ctx_.history ? ctx_.history->retentionDays() : 0;
}

std::pair<std::vector<HistoryReading>, std::vector<HourlyUsage>>
ModemService::history(unsigned days) const
{
	if (days == 0 || days > kMaxHistoryDays)
		throw sdbus::Error(
			dbus_error::kInvalidArgument,
			fmt::format("days must be 1 to {}, not {}", kMaxHistoryDays, days));
	if (!ctx_.history)
		throw sdbus::Error(dbus_error::kNotSupported,
				   "zanryod keeps no history (history_days = 0, or the database "
				   "could not be made)");
	if (simKey_.empty())
		throw sdbus::Error(dbus_error::kModemGone, "the SIM has not been read yet");
	std::int64_t since = unixSeconds(ctx_.now()) - std::int64_t(days) * 86400;
	auto readings = ctx_.history->readings(simKey_, since);
	if (!readings)
		throw sdbus::Error(dbus_error::kFailed, readings.error().message());
	auto usage = ctx_.history->usage(simKey_, since);
	if (!usage)
		throw sdbus::Error(dbus_error::kFailed, usage.error().message());
	return { std::move(readings).value(), std::move(usage).value() };
}

} /* namespace zanryo */
