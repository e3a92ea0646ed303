#include "modem_service.hpp"

#include <algorithm>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/core.h>

#include "bus_loop.hpp"
#include "dbus_error.hpp"
#include "libmodem/backend/sms_assembler.hpp"
#include "libmodem/backend/ussd_session.hpp"
#include "libmodem/balance/provider.hpp"
#include "libmodem/balance/provider_context.hpp"
#include "libmodem/codec/text.hpp"
#include "human_units.hpp"
#include "log.hpp"
#include "modem_object.hpp"
#include "notice.hpp"
#include "ussd_code.hpp"

namespace zanryo {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr const char *kRootPath = "/org/zanryo/Zanryo1";
// The first query after start waits this long, so start-up (bus name, other modems)
// is never delayed by a slow carrier.
constexpr auto kFirstQueryDelay = 2s;
// Opening a modem that is not there or does not answer is retried at most this far apart.
constexpr std::chrono::seconds kOpenBackoffMax = 30s;
// A poll refused as Busy (a USSD session of a D-Bus caller is open) is tried again this soon.
constexpr std::chrono::seconds kBusyRetry = 60s;

std::string upperAscii(std::string s)
{
	for (char &c : s)
		if (c >= 'a' && c <= 'z')
			c = char(c - 'a' + 'A');
	return s;
}

} /* namespace */

ModemService::ModemService(ServiceContext &ctx, ModemConfig config, std::shared_ptr<Modem> modem)
	: ctx_(ctx), config_(std::move(config)), modem_(std::move(modem)),
	  thresholds_(config_.thresholds, config_.plan.unlimited ? std::nullopt : config_.plan.allowance),
	  hook_(ctx.io, modem_->devicePath(), config_.alert.command,
		std::chrono::duration_cast<std::chrono::milliseconds>(config_.alert.timeout)),
	  pollTimer_(ctx.io), modemCountTimer_(ctx.io), reopenTimer_(ctx.io)
{
	snapshot_.device = modem_->devicePath();
	// Log lines say which modem: its configured name, else its device.
	logName_ = config_.name.empty() ? snapshot_.device : config_.name;
	snapshot_.backend = std::string(modem_->transport());
}

ModemService::~ModemService()
{
	stop();
}

void ModemService::start()
{
	spawn([this] { return run(); });
}

void ModemService::stop()
{
	if (stopped_)
		return;
	stopped_ = true;
	pollTimer_.cancel();
	modemCountTimer_.cancel();
	reopenTimer_.cancel();
	if (usage_)
		usage_->stop();
	for (auto &waiter : refreshWaiters_)
		waiter.returnError(sdbus::Error(dbus_error::kFailed, "zanryod is stopping"));
	refreshWaiters_.clear();
}

void ModemService::retire(std::function<void()> done)
{
	stop();
	onIdle_ = std::move(done);
	// The modem may outlive this service (a deleteConsumed() coroutine holds it): it must
	// not call back into it.
	modem_->setEventHandlers({});
	// InterfacesRemoved now; the coroutines still running only see stopped_ from here on.
	if (object_) {
		object_.reset();
		ctx_.busLoop.rearm();
	}
	// close() cancels what waits on the port (Errc::Cancelled), so every coroutine of
	// this service ends soon after; the last one to end calls onIdle_.
	spawn([modem = modem_]() -> asio::awaitable<void> { co_await modem->close(); });
}

void ModemService::coroutineEnded()
{
	if (--running_ == 0 && stopped_ && onIdle_) {
		// Posted: the coroutine whose end this is still unwinds when its handler runs.
		asio::post(ctx_.io, std::exchange(onIdle_, nullptr));
	}
}

asio::awaitable<void> ModemService::run()
{
	ModemEventHandlers handlers;
	handlers.stateChanged = [this](ModemState s) {
		switch (s) {
		case ModemState::Ready:
			if (std::exchange(unplugged_, false))
				logInfo("{}: plugged in again", logName_);
			setState(querying_ ? "querying" : "ready");
			break;
		case ModemState::Gone:
		case ModemState::Absent:
			if (!unplugged_ && object_) {
				unplugged_ = true;
				logInfo("{}: unplugged; its object stays, State gone, until it comes back", logName_);
			}
			setState("gone");
			break;
		case ModemState::Failed:
			// Not given up: openWithBackoff() tries again. A published modem whose port
			// came back (re-plug, modem reset) but does not answer AT may still be
			// booting, so it is opened again with backoff too.
			if (opening_) {
				setState("opening");
			} else if (object_) {
				setState("opening");
				spawn([this] { return reopen(); });
			} else {
				setState("failed");
			}
			break;
		case ModemState::Closed:
		case ModemState::Opening:
			setState("opening");
			break;
		}
	};
	handlers.smsReceived = [this](const SmsMessage &sms) { onSms(sms); };
	handlers.ussdStateChanged = [this](UssdSessionState state) {
		// A menu opened over D-Bus that the modem closed by itself (nobody answered it
		// within ussd_menu_timeout, or the network ended it): Ussd.State follows, so
		// Respond says there is no menu and polling goes on.
		if (state != UssdSessionState::Idle || ussdBusy_ || snapshot_.ussdState != "user-response" ||
		    !object_)
			return;
		logInfo("{}: the USSD menu was closed by the modem", logName_);
		snapshot_.ussdState = "idle";
		object_->changed(ModemObject::kUssdInterface, { "State" });
		ctx_.busLoop.rearm();
	};
	modem_->setEventHandlers(std::move(handlers));

	auto identity = co_await openAndIdentify();
	if (!identity)
		co_return; // stopped
	snapshot_.identity = *identity;
	simKey_ = ctx_.store.simKey(identity->iccid, identity->imsi);
	adoptLegacyState(StateStore::legacySimKey(identity->iccid, identity->imsi));

	// Provider profile: country, currency, reply rules, sender filter, balance method.
	country_ = upperAscii(config_.country);
	if (ctx_.providers && !identity->imsi.empty()) {
		SimHints hints;
		hints.spn = identity->spn;
		hints.operatorName = identity->operatorName;
		hints.operatorMccMnc = identity->operatorMcc + identity->operatorMnc;
		auto match = ctx_.providers->lookup(identity->imsi, hints);
		if (match) {
			if (country_.empty())
				country_ = upperAscii(match->country);
			if (match->profile) {
				profile_ = match->profile;
				snapshot_.provider = profile_->name;
				// The provider's rules with its currency, data unit and date order
				// filled in, and the same defaults for the generic extractor.
				ProviderExtractSetup setup = extractSetupFor(*profile_, match->country);
				rules_ = std::move(setup.rules);
				if (config_.country.empty() && !setup.country.empty())
					country_ = setup.country;
				currency_ = setup.currency;
				dataUnitBase_ = setup.dataUnitBase.value_or(1024);
				if (config_.smsSenders.empty())
					config_.smsSenders = profile_->smsSenders;
			} else if (match->ambiguous) {
				logWarning("{}: several providers use {} ({}); set 'method' in the configuration",
					   logName_, match->network, match->reason);
			}
		}
	}
	auto extractor = BalanceExtractor::create(rules_);
	if (!extractor) {
		logWarning("{}: provider reply rules rejected: {}", logName_,
			   extractor.error().message());
		extractor = BalanceExtractor::create({});
	}
	extractor_.emplace(std::move(extractor).value());

	if (config_.interface != "none")
		usage_ = std::make_unique<UsageMonitor>(
			ctx_.io, config_, snapshot_.device, fmt::format("{}/usage-{}.json", ctx_.store.dir(), simKey_),
			ctx_.now, [this](const std::vector<std::string> &properties) {
				if (object_) {
					object_->changed(ModemObject::kUsageInterface, properties);
					ctx_.busLoop.rearm();
				}
				usageToHistory();
				usageThresholds();
			});
	if (usage_)
		historyUsageMark_ = usage_->state().totalBytes;
	createObject();

	auto stored = ctx_.store.load(simKey_);
	std::chrono::seconds firstDelay = kFirstQueryDelay;
	if (!stored) {
		logWarning("{}", stored.error().message());
	} else if (stored->has_value()) {
		auto age = std::chrono::seconds(unixSeconds(ctx_.now()) - (*stored)->updatedAt);
		bool fromQuery = (*stored)->source.rfind("notice:", 0) != 0;
		publish(std::move(**stored), true);
		if (age >= 0s && age < config_.pollInterval)
			firstDelay = std::max<std::chrono::seconds>(kFirstQueryDelay, config_.pollInterval - age);
		// min_interval holds across a restart for Refresh and RefreshAll as for the
		// poll: the restored reading's query was the last one made.
		if (fromQuery && age >= 0s && age < config_.minInterval)
			lastQueryStart_ = std::chrono::steady_clock::now() - age;
	}
	if (usage_) {
		usage_->start();
		if (usage_->wantsModemCounters())
			spawn([this] { return countModemTraffic(); });
	}
	setState("ready");
	if (auto why = cannotQuery()) {
		// Nothing to poll with; LastError tells what to configure.
		if (config_.method != QueryMethod::None) {
			logWarning("{}: {}", logName_, *why);
			setLastError(makeError(Errc::Unsupported, *why));
		}
	} else {
		scheduleNext(firstDelay);
	}
	co_return;
}

asio::awaitable<bool> ModemService::openWithBackoff()
{
	// Never given up: the path may not be there yet (USB enumeration after boot), the
	// port may not answer AT yet (a router boots faster than its modem), the modem may
	// be reset. State says "opening" meanwhile and LastError why.
	std::chrono::seconds backoff = 1s;
	std::string logged;
	opening_ = true;
	for (;;) {
		auto opened = co_await modem_->open();
		if (stopped_)
			co_return false;
		if (opened) {
			opening_ = false;
			setLastError(Error{});
			co_return true;
		}
		setLastError(opened.error());
		// A path that is not there is "gone" (the backend said so); anything else is
		// a modem being opened.
		if (opened.error().code != Errc::DeviceGone)
			setState("opening");
		// Logged when the reason changes, not at every attempt of a modem that stays away.
		if (opened.error().message() != logged) {
			logged = opened.error().message();
			logWarning("{}: {}; retrying with backoff (up to {})", logName_, logged,
				   humanDuration(kOpenBackoffMax));
		}
		reopenTimer_.expires_after(backoff);
		boost::system::error_code ec;
		co_await reopenTimer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (stopped_)
			co_return false;
		backoff = std::min<std::chrono::seconds>(backoff * 2, kOpenBackoffMax);
	}
}

asio::awaitable<std::optional<ModemIdentity>> ModemService::openAndIdentify()
{
	std::chrono::seconds backoff = 1s;
	for (;;) {
		if (!co_await openWithBackoff())
			co_return std::nullopt;
		auto identity = co_await modem_->identity();
		if (stopped_)
			co_return std::nullopt;
		if (identity)
			co_return *identity;
		// Answered AT, then went silent or away while identifying: start over.
		setLastError(identity.error());
		logWarning("{}: cannot read the modem's identity: {}; retrying in {}", logName_,
			   identity.error().message(), humanDuration(backoff));
		co_await modem_->close();
		setState("opening");
		reopenTimer_.expires_after(backoff);
		boost::system::error_code ec;
		co_await reopenTimer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
		if (stopped_)
			co_return std::nullopt;
		backoff = std::min<std::chrono::seconds>(backoff * 2, kOpenBackoffMax);
	}
}

asio::awaitable<void> ModemService::reopen()
{
	opening_ = true;
	co_await modem_->close();
	bool opened = co_await openWithBackoff();
	if (!opened)
		co_return;
	logInfo("{}: answers again", logName_);
	setState(querying_ ? "querying" : "ready");
	ctx_.busLoop.rearm();
}

asio::awaitable<void> ModemService::countModemTraffic()
{
	// A QMI port reached through a pty or qmi-proxy, or a PCIe modem whose network
	// interface is not below its control port in sysfs: the modem's WDS counters are
	// the only count there is. Sampled every usage_interval, as the kernel's counters
	// are while traffic flows.
	while (!stopped_ && usage_ && usage_->wantsModemCounters()) {
		auto stats = co_await modem_->packetStats();
		if (stopped_ || !usage_)
			co_return;
		if (stats) {
			usage_->sampleModemCounters(stats->rxBytes, stats->txBytes);
		} else if (stats.error().code == Errc::Unsupported) {
			co_return; // an AT modem, or a firmware without WDS byte counters
		}
		// Other errors (no data call up, modem gone) are retried at the next interval.
		modemCountTimer_.expires_after(config_.usageInterval);
		boost::system::error_code ec;
		co_await modemCountTimer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
	}
}

void ModemService::createObject()
{
	std::string path = fmt::format("{}/modem/{}", kRootPath, simKey_);
	object_ = std::make_unique<ModemObject>(ctx_.connection, path, *this);
	logInfo("{}: {} {} on {} published at {}", logName_, snapshot_.identity.manufacturer,
		snapshot_.identity.model, snapshot_.device, path);
	ctx_.busLoop.rearm();
}

void ModemService::scheduleNext(std::chrono::seconds delay)
{
	if (stopped_)
		return;
	pollTimer_.expires_after(delay);
	pollTimer_.async_wait([this](const boost::system::error_code &ec) {
		if (ec || stopped_ || querying_)
			return;
		spawn([this] { return queryAndPublish(); });
	});
}

std::optional<std::string> ModemService::cannotQuery() const
{
	switch (config_.method) {
	case QueryMethod::None:
		return std::string("balance queries are disabled for this modem (method = \"none\")");
	case QueryMethod::Ussd:
	case QueryMethod::Sms:
		return std::nullopt;
	case QueryMethod::Auto:
		break;
	}
	// Only a verified method from the provider profile is sent on its own: a wrong short
	// number can cost the user money (docs/architecture.md).
	if (!profile_)
		return std::string("no provider profile matches this SIM, so zanryod has no balance method; "
				   "set method = \"ussd\" with ussd = \"<code>\" or method = \"sms\" with "
				   "sms_number and sms_text for this modem in zanryod.toml");
	if (!verifiedMethod())
		return fmt::format("the provider profile of {} has no verified balance method; set method = "
				   "\"ussd\" with ussd = \"<code>\" or method = \"sms\" with sms_number and "
				   "sms_text for this modem in zanryod.toml",
				   profile_->name);
	return std::nullopt;
}

const BalanceMethod *ModemService::verifiedMethod() const
{
	if (!profile_)
		return nullptr;
	for (const auto &m : profile_->balanceChecks)
		if (m.verified && (m.kind == MethodKind::Ussd || m.kind == MethodKind::Sms))
			return &m;
	return nullptr;
}

bool ModemService::minIntervalPassed(std::chrono::steady_clock::time_point now) const
{
	return !lastQueryStart_ || now - *lastQueryStart_ >= config_.minInterval;
}

bool ModemService::startQueryIfAllowed()
{
	if (querying_ || stopped_ || !object_ || cannotQuery())
		return false;
	auto now = std::chrono::steady_clock::now();
	if (!minIntervalPassed(now))
		return false;
	pollTimer_.cancel();
	spawn([this] { return queryAndPublish(); });
	return true;
}

void ModemService::refresh(sdbus::Result<std::map<std::string, sdbus::Variant>> &&result)
{
	if (!object_) {
		result.returnError(sdbus::Error(dbus_error::kModemGone, "the modem is not open yet"));
		return;
	}
	// Cannot query at all: say how to fix it, never "try again in N s".
	if (auto why = cannotQuery()) {
		result.returnError(sdbus::Error(dbus_error::kNotSupported, *why));
		return;
	}
	if (querying_) {
		// Coalesce: this caller gets the answer of the query already running.
		refreshWaiters_.push_back(std::move(result));
		return;
	}
	auto now = std::chrono::steady_clock::now();
	if (!minIntervalPassed(now)) {
		auto wait = std::chrono::duration_cast<std::chrono::seconds>(config_.minInterval -
									     (now - *lastQueryStart_));
		result.returnError(sdbus::Error(
			dbus_error::kBusy,
			fmt::format("the last query was less than min_interval ({} s) ago; try again in {} s",
				    config_.minInterval.count(), wait.count() + 1)));
		return;
	}
	refreshWaiters_.push_back(std::move(result));
	pollTimer_.cancel();
	spawn([this] { return queryAndPublish(); });
}

asio::awaitable<void> ModemService::queryAndPublish()
{
	if (querying_ || stopped_)
		co_return;
	querying_ = true;
	auto previousStart = lastQueryStart_;
	lastQueryStart_ = std::chrono::steady_clock::now();
	setState("querying");

	auto result = co_await queryOnce();
	querying_ = false;
	if (stopped_)
		co_return;
	setState(modem_->state() == ModemState::Ready ? "ready" : "gone");

	std::vector<sdbus::Result<std::map<std::string, sdbus::Variant>>> waiters;
	waiters.swap(refreshWaiters_);
	if (!result && result.error().code == Errc::Busy) {
		// Refused before the carrier was asked (a USSD session of a D-Bus caller is
		// open): the reading is as good as it was and the last error still stands, and
		// min_interval counts from the last query that was made.
		lastQueryStart_ = previousStart;
		sdbus::Error err = toDbusError(result.error());
		for (auto &w : waiters)
			w.returnError(err);
		scheduleNext(std::min<std::chrono::seconds>(kBusyRetry, config_.pollInterval));
		ctx_.busLoop.rearm();
		co_return;
	}
	if (result) {
		failures_ = 0;
		setLastError(Error{});
		publish(std::move(result).value(), false);
		auto values = balanceValues();
		for (auto &w : waiters)
			w.returnResults(values);
		std::uniform_int_distribution<long> jitter(0, std::max<long>(0, config_.jitter.count()));
		static std::mt19937 rng{ std::random_device{}() };
		scheduleNext(config_.pollInterval + std::chrono::seconds(jitter(rng)));
	} else {
		failures_++;
		setLastError(result.error());
		// Exponential backoff: 1 min, 2 min, 4 min ... up to backoff_max.
		auto backoff = std::min<std::chrono::seconds>(
			std::chrono::seconds(60) * (1u << std::min(failures_ - 1, 16u)), config_.backoffMax);
		logWarning("{}: balance query failed: {}; retrying in {}", logName_, result.error().message(),
			   humanDuration(backoff));
		if (snapshot_.balance && !snapshot_.stale) {
			snapshot_.stale = true;
			if (object_)
				object_->changed(ModemObject::kBalanceInterface, { "Stale" });
		}
		sdbus::Error err = toDbusError(result.error());
		for (auto &w : waiters)
			w.returnError(err);
		scheduleNext(backoff);
	}
	ctx_.busLoop.rearm();
}

asio::awaitable<Result<ModemService::CarrierReply>> ModemService::askCarrier()
{
	QueryMethod method = config_.method;
	std::string ussdCode = config_.ussdCode;
	std::string smsNumber = config_.smsNumber;
	std::string smsText = config_.smsText;

	if (method == QueryMethod::Auto) {
		// Only a verified method from the provider profile is sent on its own: a wrong
		// short number can cost the user money (docs/architecture.md).
		const BalanceMethod *chosen = verifiedMethod();
		if (!chosen)
			co_return makeError(Errc::Unsupported, cannotQuery().value_or("no balance method"));
		if (chosen->kind == MethodKind::Sms) {
			method = QueryMethod::Sms;
			smsNumber = chosen->number;
			smsText = chosen->text;
		} else {
			method = QueryMethod::Ussd;
			ussdCode = chosen->code;
		}
	}

	auto timeout = std::chrono::duration_cast<Modem::Duration>(config_.replyTimeout);
	switch (method) {
	case QueryMethod::Ussd: {
		if (ussdBusy_ || snapshot_.ussdState == "user-response")
			co_return makeError(Errc::Busy, "a USSD session started over D-Bus is open");
		auto reply = co_await modem_->ussdInitiate(ussdCode, timeout);
		if (!reply)
			co_return reply.error();
		switch (reply->status) {
		case UssdStatus::Done:
			break;
		case UssdStatus::ActionRequired:
			// A menu: keep its text (it is parsed as a menu) and close the session.
			(void)co_await modem_->ussdCancel();
			break;
		case UssdStatus::NotSupported:
			co_return makeError(Errc::Unsupported,
					    fmt::format("the network does not support USSD {} (+CUSD: 4)", ussdCode));
		case UssdStatus::Terminated:
		case UssdStatus::OtherClient:
			co_return makeError(Errc::NetworkError,
					    fmt::format("the network ended the USSD session for {}", ussdCode));
		case UssdStatus::Timeout:
			co_return makeError(Errc::Timeout, "the network timed out the USSD session");
		}
		co_return CarrierReply{ reply->text, "ussd:" + ussdCode, "" };
	}
	case QueryMethod::Sms: {
		SmsFilter filter;
		filter.senders = config_.smsSenders.empty() ? std::vector<std::string>{ smsNumber }
							    : config_.smsSenders;
		filter.since = ctx_.now();
		auto sent = co_await modem_->sendSms(smsNumber, smsText);
		if (!sent)
			co_return sent.error();
		auto sms = co_await modem_->waitSms(filter, timeout);
		if (!sms)
			co_return sms.error();
		deleteConsumed(*sms);
		co_return CarrierReply{ sms->text, fmt::format("sms:{}:{}", smsNumber, smsText), sms->damaged };
	}
	case QueryMethod::None:
	case QueryMethod::Auto:
		break;
	}
	co_return makeError(Errc::Unsupported, "balance queries are disabled for this modem");
}

ExtractContext ModemService::extractContext(std::chrono::system_clock::time_point at) const
{
	ExtractContext ctx;
	ctx.country = country_;
	ctx.defaultCurrency = currency_;
	ctx.dataUnitBase = dataUnitBase_;
	ctx.receivedAt = std::chrono::time_point_cast<std::chrono::seconds>(at);
	// The local date decides "12月31日" without a year and "valid for 7 days".
	std::time_t t = std::chrono::system_clock::to_time_t(at);
	std::tm local{};
	if (localtime_r(&t, &local))
		ctx.utcOffsetMinutes = int(local.tm_gmtoff / 60);
	return ctx;
}

asio::awaitable<Result<StoredBalance>> ModemService::queryOnce()
{
	auto reply = co_await askCarrier();
	if (!reply)
		co_return reply.error();
	auto at = ctx_.now();
	Balance balance = extractor_->extract(reply->text, extractContext(at));
	if (balance.isError)
		co_return makeError(Errc::NetworkError,
				    fmt::format("the carrier answered with an error: {}", reply->text),
				    Error::kNoOffset, reply->text);
	StoredBalance stored;
	stored.balance = std::move(balance);
	stored.updatedAt = unixSeconds(at);
	stored.source = std::move(reply->source);
	stored.damaged = std::move(reply->damaged);
	co_return stored;
}

void ModemService::onSms(const SmsMessage &sms)
{
	if (!extractor_ || !object_)
		return;
	// Replies to our own SMS query are taken by waitSms(); here only carrier notices.
	if (querying_ && config_.method != QueryMethod::Ussd)
		return;
	bool fromCarrier = std::any_of(config_.smsSenders.begin(), config_.smsSenders.end(),
				       [&](const std::string &s) { return senderMatches(s, sms.sender); });
	if (!fromCarrier)
		return;
	Balance balance = extractor_->extract(sms.text, extractContext(ctx_.now()));
	bool says = balance.money || balance.dataRemaining || balance.dataUsedPercent || balance.dataExhausted ||
		    balance.throttled || balance.dataLow;
	if (balance.isError || balance.isMenu || !says)
		return;
	StoredBalance stored;
	stored.balance = mergeNotice(snapshot_.balance ? &snapshot_.balance->balance : nullptr, std::move(balance),
				     config_.plan);
	stored.updatedAt = unixSeconds(ctx_.now());
	stored.source = "notice:" + sms.sender;
	stored.damaged = sms.damaged;
	publish(std::move(stored), false);
	deleteConsumed(sms);
	ctx_.busLoop.rearm();
}

void ModemService::deleteConsumed(const SmsMessage &sms)
{
	if (!config_.deleteReplies || sms.storageIndexes.empty())
		return;
	spawn([this, modem = modem_, indexes = sms.storageIndexes]() -> asio::awaitable<void> {
			auto r = co_await modem->deleteStoredSms(indexes);
			if (!r && !stopped_)
				logWarning("{}: cannot delete the consumed SMS: {}", snapshot_.device, r.error().message());
		});
}

void ModemService::publish(StoredBalance stored, bool stale)
{
	std::vector<std::string> changed;
	const Balance *old = snapshot_.balance ? &snapshot_.balance->balance : nullptr;
	const Balance &b = stored.balance;
	auto note = [&](bool differs, const char *name) {
		if (differs || !old)
			changed.emplace_back(name);
	};
	note(old && old->dataRemaining != b.dataRemaining, "DataRemaining");
	note(old && old->dataRemaining.has_value() != b.dataRemaining.has_value(), "HasData");
	note(old && old->dataTotal != b.dataTotal, "DataTotal");
	note(old && old->dataUnlimited != b.dataUnlimited, "DataUnlimited");
	note(old && old->money != b.money, "Money");
	note(old && (old->money ? old->money->currency : "") != (b.money ? b.money->currency : ""),
	     "Currency");
	note(old && old->expiry != b.expiry, "Expires");
	note(old && old->raw != b.raw, "RawReply");
	note(old && old->dataUsedPercent != b.dataUsedPercent, "DataUsedPercent");
	note(old && old->throttled != b.throttled, "Throttled");
	note(old && old->dataLow != b.dataLow, "DataLow");
	note(old && old->buckets != b.buckets, "Buckets");
	note(old && old->repaired != b.repaired, "Repaired");
	note(old && old->inferred != b.inferred, "Inferred");
	note(!snapshot_.balance || snapshot_.balance->damaged != stored.damaged, "Damaged");
	note(!snapshot_.balance || snapshot_.balance->updatedAt != stored.updatedAt, "UpdatedAt");
	note(!snapshot_.balance || snapshot_.balance->source != stored.source, "Source");
	if (snapshot_.stale != stale || !snapshot_.balance)
		changed.emplace_back("Stale");
	std::sort(changed.begin(), changed.end());
	changed.erase(std::unique(changed.begin(), changed.end()), changed.end());

	snapshot_.balance = std::move(stored);
	snapshot_.stale = stale;

	if (!stale) {
		logInfo("{}: reading from {}: {}", logName_, snapshot_.balance->source,
			humanBalance(snapshot_.balance->balance));
		if (auto saved = ctx_.store.save(simKey_, *snapshot_.balance); !saved)
			logError("cannot save the balance: {}", saved.error().message());
		recordHistory();
	}
	if (usage_)
		usage_->carrierReading(*snapshot_.balance, !stale);
	if (object_) {
		object_->changed(ModemObject::kBalanceInterface, changed);
		if (!stale) {
			auto t = std::chrono::system_clock::to_time_t(ctx_.now());
			std::tm local{};
			localtime_r(&t, &local);
			Date today{ local.tm_year + 1900, local.tm_mon + 1, local.tm_mday };
			for (const LowEvent &e : thresholds_.update(snapshot_.balance->balance, today))
				announceLow(e);
			if (config_.alert.onReading)
				runAlertHook(nullptr);
		}
	}
}

void ModemService::setState(const std::string &state)
{
	if (snapshot_.state == state)
		return;
	snapshot_.state = state;
	if (object_) {
		object_->changed(ModemObject::kModemInterface, { "State" });
		ctx_.busLoop.rearm();
	}
}

void ModemService::setLastError(const Error &error)
{
	std::string text;
	if (error.code) {
		sdbus::Error e = toDbusError(error);
		text = e.getName() + ": " + e.getMessage();
	}
	if (snapshot_.lastError == text)
		return;
	snapshot_.lastError = text;
	if (object_)
		object_->changed(ModemObject::kModemInterface, { "LastError" });
}

std::map<std::string, sdbus::Variant> ModemService::balanceValues() const
{
	std::map<std::string, sdbus::Variant> v;
	const Balance *b = snapshot_.balance ? &snapshot_.balance->balance : nullptr;
	v["HasData"] = sdbus::Variant(b && b->dataRemaining.has_value());
	v["DataRemaining"] = sdbus::Variant(uint64_t(b && b->dataRemaining ? *b->dataRemaining : 0));
	v["DataTotal"] = sdbus::Variant(uint64_t(b && b->dataTotal ? *b->dataTotal : 0));
	v["DataUnlimited"] = sdbus::Variant(b && b->dataUnlimited);
	v["Money"] = sdbus::Variant(b && b->money ? b->money->toDecimal() : std::string());
	v["Currency"] = sdbus::Variant(b && b->money ? b->money->currency : std::string());
	v["Expires"] = sdbus::Variant(
		uint64_t(b && b->expiry ? dateToUnix(b->expiry->year, b->expiry->month, b->expiry->day) : 0));
	v["UpdatedAt"] = sdbus::Variant(uint64_t(snapshot_.balance ? snapshot_.balance->updatedAt : 0));
	v["Source"] = sdbus::Variant(snapshot_.balance ? snapshot_.balance->source : std::string());
	v["RawReply"] = sdbus::Variant(b ? b->raw : std::string());
	v["Stale"] = sdbus::Variant(snapshot_.stale);
	v["DataUsedPercent"] = sdbus::Variant(int32_t(b && b->dataUsedPercent ? *b->dataUsedPercent : -1));
	v["Throttled"] = sdbus::Variant(b && b->throttled);
	v["DataLow"] = sdbus::Variant(b && b->dataLow);
	v["Buckets"] = sdbus::Variant(b ? bucketStructs(b->buckets) : std::vector<BucketStruct>{});
	v["Repaired"] = sdbus::Variant(b ? b->repaired : std::string());
	v["Damaged"] = sdbus::Variant(snapshot_.balance ? snapshot_.balance->damaged : std::string());
	v["Inferred"] = sdbus::Variant(b ? b->inferred : std::vector<std::string>{});
	return v;
}

std::map<std::string, std::string> ModemService::identityForPrivilegedCaller() const
{
	std::map<std::string, std::string> id;
	auto put = [&](const char *key, const std::string &value) {
		if (!value.empty())
			id[key] = value;
	};
	put("imei", snapshot_.identity.imei);
	put("imsi", snapshot_.identity.imsi);
	put("iccid", snapshot_.identity.iccid);
	put("msisdn", snapshot_.identity.msisdn);
	return id;
}

void ModemService::ussdInitiate(sdbus::Result<std::string> &&result, std::string code)
{
	if (!isValidUssdCode(code)) {
		result.returnError(sdbus::Error(dbus_error::kInvalidArgument, kUssdCodeRule));
		return;
	}
	if (ussdBusy_ || querying_) {
		result.returnError(sdbus::Error(dbus_error::kBusy, "the modem runs another query"));
		return;
	}
	runUssd(std::move(result), [this, code = std::move(code)](Modem::Duration timeout) {
		return modem_->ussdInitiate(code, timeout);
	});
}

void ModemService::runUssd(sdbus::Result<std::string> &&result,
			   std::function<asio::awaitable<Result<UssdReply>>(Modem::Duration)> exchange)
{
	ussdBusy_ = true;
	snapshot_.ussdState = "active";
	object_->changed(ModemObject::kUssdInterface, { "State" });
	spawn([this, exchange = std::move(exchange), result = std::move(result)]() mutable -> asio::awaitable<void> {
			auto reply = co_await exchange(
				std::chrono::duration_cast<Modem::Duration>(config_.replyTimeout));
			ussdBusy_ = false;
			if (stopped_) {
				result.returnError(sdbus::Error(dbus_error::kModemGone, "the modem was removed"));
				co_return;
			}
			snapshot_.ussdState = reply && reply->status == UssdStatus::ActionRequired ? "user-response"
												  : "idle";
			object_->changed(ModemObject::kUssdInterface, { "State" });
			if (!reply)
				result.returnError(toDbusError(reply.error()));
			else if (reply->status == UssdStatus::NotSupported)
				result.returnError(sdbus::Error(dbus_error::kNotSupported,
								"the network does not support this code (+CUSD: 4)"));
			else
				result.returnResults(reply->text);
			ctx_.busLoop.rearm();
		});
}

void ModemService::ussdRespond(sdbus::Result<std::string> &&result, std::string text)
{
	if (snapshot_.ussdState != "user-response") {
		result.returnError(sdbus::Error(dbus_error::kBusy, "no USSD menu is open"));
		return;
	}
	if (text.empty() || text.size() > 182 || !isValidUtf8(text)) {
		result.returnError(
			sdbus::Error(dbus_error::kInvalidArgument, "a USSD answer is 1 to 182 characters of UTF-8"));
		return;
	}
	runUssd(std::move(result), [this, text = std::move(text)](Modem::Duration timeout) {
		return modem_->ussdRespond(text, timeout);
	});
}

void ModemService::ussdCancel(sdbus::Result<> &&result)
{
	spawn([this, result = std::move(result)]() mutable -> asio::awaitable<void> {
			auto r = co_await modem_->ussdCancel();
			if (stopped_)
				co_return;
			snapshot_.ussdState = "idle";
			object_->changed(ModemObject::kUssdInterface, { "State" });
			if (r)
				result.returnResults();
			else
				result.returnError(toDbusError(r.error()));
			ctx_.busLoop.rearm();
		});
}

} /* namespace zanryo */
