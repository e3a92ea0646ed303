#include "zanryo/client.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <poll.h>

#include <sdbus-c++/sdbus-c++.h>

namespace zanryo::client {

namespace {

constexpr const char *kService = "org.zanryo.Zanryo1";
constexpr const char *kRoot = "/org/zanryo/Zanryo1";
constexpr const char *kManager = "org.zanryo.Zanryo1.Manager";
constexpr const char *kModem = "org.zanryo.Zanryo1.Modem";
constexpr const char *kBalance = "org.zanryo.Zanryo1.Balance";
constexpr const char *kUssd = "org.zanryo.Zanryo1.Ussd";
constexpr const char *kUsage = "org.zanryo.Zanryo1.Usage";
constexpr const char *kHistory = "org.zanryo.Zanryo1.History";
constexpr const char *kInvalidArgument = "org.zanryo.Zanryo1.Error.InvalidArgument";

using Properties = std::map<std::string, sdbus::Variant>;
using Interfaces = std::map<std::string, Properties>;

template<typename T>
T get(const Properties &p, const char *name, T fallback = {})
{
	auto it = p.find(name);
	if (it == p.end())
		return fallback;
	try {
		return it->second.get<T>();
	} catch (const sdbus::Error &) {
		return fallback;
	}
}

// Balance.Buckets: (kind, label, unit, money, currency, amount, expires).
using BucketStruct = sdbus::Struct<std::string, std::string, std::string, std::string, std::string, uint64_t, uint64_t>;

std::vector<Bucket> bucketsOf(const std::vector<BucketStruct> &raw)
{
	std::vector<Bucket> out;
	for (const BucketStruct &k : raw)
		out.push_back(Bucket{ k.get<0>(), k.get<1>(), k.get<2>(), k.get<3>(), k.get<4>(), k.get<5>(), k.get<6>() });
	return out;
}

// Each apply*() sets the fields named in \a p and keeps the others: the same function
// reads a whole GetAll/GetManagedObjects answer and a PropertiesChanged signal.
void applyBalance(Balance &b, const Properties &p)
{
	b.hasData = get<bool>(p, "HasData", b.hasData);
	b.dataRemaining = get<uint64_t>(p, "DataRemaining", b.dataRemaining);
	b.dataTotal = get<uint64_t>(p, "DataTotal", b.dataTotal);
	b.dataUnlimited = get<bool>(p, "DataUnlimited", b.dataUnlimited);
	b.money = get<std::string>(p, "Money", b.money);
	b.currency = get<std::string>(p, "Currency", b.currency);
	b.expires = get<uint64_t>(p, "Expires", b.expires);
	b.updatedAt = get<uint64_t>(p, "UpdatedAt", b.updatedAt);
	b.source = get<std::string>(p, "Source", b.source);
	b.rawReply = get<std::string>(p, "RawReply", b.rawReply);
	b.stale = get<bool>(p, "Stale", b.stale);
	b.dataUsedPercent = get<int32_t>(p, "DataUsedPercent", b.dataUsedPercent);
	b.throttled = get<bool>(p, "Throttled", b.throttled);
	b.dataLow = get<bool>(p, "DataLow", b.dataLow);
	if (p.count("Buckets"))
		b.buckets = bucketsOf(get<std::vector<BucketStruct>>(p, "Buckets"));
	b.repaired = get<std::string>(p, "Repaired", b.repaired);
	b.damaged = get<std::string>(p, "Damaged", b.damaged);
	b.inferred = get<std::vector<std::string>>(p, "Inferred", b.inferred);
}

Balance balanceFrom(const Properties &p)
{
	Balance b;
	applyBalance(b, p);
	return b;
}

void applyUsage(Usage &u, const Properties &p)
{
	u.present = true;
	u.interface = get<std::string>(p, "Interface", u.interface);
	u.usedThisPeriod = get<uint64_t>(p, "UsedThisPeriod", u.usedThisPeriod);
	u.periodStart = get<uint64_t>(p, "PeriodStart", u.periodStart);
	u.periodEnd = get<uint64_t>(p, "PeriodEnd", u.periodEnd);
	u.daysLeft = get<uint32_t>(p, "DaysLeft", u.daysLeft);
	u.dailyAverage = get<uint64_t>(p, "DailyAverage", u.dailyAverage);
	u.hasEstimate = get<bool>(p, "HasEstimate", u.hasEstimate);
	u.estimatedRemaining = get<uint64_t>(p, "EstimatedDataRemaining", u.estimatedRemaining);
	u.projectedRunOut = get<uint64_t>(p, "ProjectedRunOut", u.projectedRunOut);
	u.allowance = get<uint64_t>(p, "Allowance", u.allowance);
}

/// Modem.Thresholds (a{sv}, keyed as Balance.Low's what); a key of another type is ignored.
Thresholds thresholdsFrom(const Properties &p)
{
	Thresholds t;
	auto has = [&](const char *key, const char *type) {
		auto it = p.find(key);
		return it != p.end() && it->second.peekValueType() == type;
	};
	if (has("data-bytes", "t"))
		t.dataBytes = get<uint64_t>(p, "data-bytes");
	if (has("data-percent", "u"))
		t.dataPercent = get<uint32_t>(p, "data-percent");
	if (has("money", "s"))
		t.money = get<std::string>(p, "money");
	if (has("expiry-days", "u"))
		t.expiryDays = get<uint32_t>(p, "expiry-days");
	t.runOut = has("run-out", "b") && get<bool>(p, "run-out");
	return t;
}

void applyModem(ModemStatus &s, const Properties &p)
{
	s.device = get<std::string>(p, "Device", s.device);
	s.backend = get<std::string>(p, "Backend", s.backend);
	s.manufacturer = get<std::string>(p, "Manufacturer", s.manufacturer);
	s.model = get<std::string>(p, "Model", s.model);
	s.operatorMccMnc = get<std::string>(p, "OperatorMccMnc", s.operatorMccMnc);
	s.operatorName = get<std::string>(p, "OperatorName", s.operatorName);
	s.provider = get<std::string>(p, "Provider", s.provider);
	s.state = get<std::string>(p, "State", s.state);
	s.lastError = get<std::string>(p, "LastError", s.lastError);
	s.name = get<std::string>(p, "Name", s.name);
	s.replyTimeout = get<uint32_t>(p, "ReplyTimeout", s.replyTimeout);
	if (p.count("Thresholds"))
		s.thresholds = thresholdsFrom(get<Properties>(p, "Thresholds"));
}

/// The modem an object's interfaces describe; nullopt when it has no Modem interface.
std::optional<ModemStatus> modemFrom(const std::string &path, const Interfaces &ifaces)
{
	auto modem = ifaces.find(kModem);
	if (modem == ifaces.end())
		return std::nullopt;
	ModemStatus s;
	s.path = path;
	applyModem(s, modem->second);
	if (auto b = ifaces.find(kBalance); b != ifaces.end())
		applyBalance(s.balance, b->second);
	if (auto u = ifaces.find(kUsage); u != ifaces.end())
		applyUsage(s.usage, u->second);
	return s;
}

std::optional<PropertyValue> valueOf(const sdbus::Variant &v)
{
	try {
		const std::string type = v.peekValueType();
		if (type == "b")
			return PropertyValue(v.get<bool>());
		if (type == "n")
			return PropertyValue(std::int64_t(v.get<int16_t>()));
		if (type == "i")
			return PropertyValue(std::int64_t(v.get<int32_t>()));
		if (type == "x")
			return PropertyValue(std::int64_t(v.get<int64_t>()));
		if (type == "q")
			return PropertyValue(std::uint64_t(v.get<uint16_t>()));
		if (type == "u")
			return PropertyValue(std::uint64_t(v.get<uint32_t>()));
		if (type == "t")
			return PropertyValue(std::uint64_t(v.get<uint64_t>()));
		if (type == "d")
			return PropertyValue(v.get<double>());
		if (type == "s")
			return PropertyValue(v.get<std::string>());
		if (type == "o")
			return PropertyValue(std::string(v.get<sdbus::ObjectPath>()));
		if (type == "as")
			return PropertyValue(v.get<std::vector<std::string>>());
		if (type == "a(ssssstt)")
			return PropertyValue(bucketsOf(v.get<std::vector<BucketStruct>>()));
	} catch (const sdbus::Error &) {
	}
	return std::nullopt;
}

[[noreturn]] void rethrow(const sdbus::Error &e)
{
	throw Error(e.getName(), e.getMessage());
}

} /* namespace */

struct Client::Impl {
	std::unique_ptr<sdbus::IConnection> connection;

	std::unique_ptr<sdbus::IProxy> proxy(const std::string &path)
	{
		return sdbus::createProxy(*connection, kService, path);
	}
};

Client::Client(const std::string &bus) : impl_(std::make_unique<Impl>())
{
	try {
		if (bus == "system")
			impl_->connection = sdbus::createSystemBusConnection();
		else if (bus == "session")
			impl_->connection = sdbus::createSessionBusConnection();
		else
			impl_->connection = sdbus::createSessionBusConnectionWithAddress(bus);
	} catch (const sdbus::Error &e) {
		throw Error(e.getName(), "cannot connect to the " + bus + " bus: " + e.getMessage());
	}
}

Client::~Client() = default;

std::string Client::version()
{
	try {
		return impl_->proxy(kRoot)->getProperty("Version").onInterface(kManager).get<std::string>();
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
}

std::vector<ModemStatus> Client::modems()
{
	std::map<sdbus::ObjectPath, Interfaces> objects;
	try {
		impl_->proxy(kRoot)
			->callMethod("GetManagedObjects")
			.onInterface("org.freedesktop.DBus.ObjectManager")
			.storeResultsTo(objects);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	std::vector<ModemStatus> out;
	for (const auto &[path, ifaces] : objects) {
		if (auto s = modemFrom(path, ifaces))
			out.push_back(std::move(*s));
	}
	return out;
}

std::string Client::resolve(const std::string &modem)
{
	std::vector<ModemStatus> all = modems();
	auto idOf = [](const ModemStatus &m) { return m.path.substr(m.path.rfind('/') + 1); };
	std::vector<const ModemStatus *> hits;
	for (const ModemStatus &m : all)
		if (modem.empty() || m.path == modem || idOf(m) == modem || m.device == modem ||
		    (!m.name.empty() && m.name == modem))
			hits.push_back(&m);
	// An id prefix ("3f2a") when nothing matches exactly, as git takes a short commit id.
	if (hits.empty() && !modem.empty() && modem.find('/') == std::string::npos)
		for (const ModemStatus &m : all)
			if (idOf(m).rfind(modem, 0) == 0)
				hits.push_back(&m);
	if (hits.size() == 1)
		return hits[0]->path;
	auto listing = [&] {
		std::string text;
		for (const ModemStatus &m : all)
			text += (text.empty() ? "" : ", ") + (m.name.empty() ? "" : "'" + m.name + "' ") + idOf(m) + " (" +
				m.device + ")";
		return text;
	};
	if (hits.empty())
		throw Error(kInvalidArgument, modem.empty() ? std::string("zanryod has no modem")
							    : "no modem '" + modem + "'" +
								      (all.empty() ? "" : "; modems: " + listing()));
	if (modem.empty())
		throw Error(kInvalidArgument, "several modems, name one by name, id (or its start) or device: " + listing());
	throw Error(kInvalidArgument, "'" + modem + "' names several modems: " + listing());
}

Balance Client::refresh(const std::string &modem, std::chrono::milliseconds timeout)
{
	std::string path = resolve(modem);
	Properties values;
	try {
		impl_->proxy(path)
			->callMethod("Refresh")
			.onInterface(kBalance)
			.withTimeout(timeout)
			.storeResultsTo(values);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	return balanceFrom(values);
}

History Client::history(const std::string &modem, unsigned days)
{
	std::string path = resolve(modem);
	using Reading = sdbus::Struct<uint64_t, std::string, bool, uint64_t, uint64_t, bool, std::string,
				      std::string, uint64_t>;
	std::vector<Reading> readings;
	std::vector<sdbus::Struct<uint64_t, uint64_t>> usage;
	try {
		impl_->proxy(path)
			->callMethod("GetHistory")
			.onInterface(kHistory)
			.withArguments(uint32_t(days))
			.storeResultsTo(readings, usage);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	History h;
	h.readings.reserve(readings.size());
	for (const auto &r : readings)
		h.readings.push_back(HistoryReading{ r.get<0>(), r.get<1>(), r.get<2>(), r.get<3>(), r.get<4>(),
						     r.get<5>(), r.get<6>(), r.get<7>(), r.get<8>() });
	h.usage.reserve(usage.size());
	for (const auto &u : usage)
		h.usage.push_back(HourlyUsage{ u.get<0>(), u.get<1>() });
	return h;
}

unsigned Client::refreshAll()
{
	uint32_t started = 0;
	try {
		impl_->proxy(kRoot)->callMethod("RefreshAll").onInterface(kManager).storeResultsTo(started);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	return started;
}

std::string Client::ussdInitiate(const std::string &modem, const std::string &code,
				 std::chrono::milliseconds timeout)
{
	std::string path = resolve(modem);
	std::string reply;
	try {
		impl_->proxy(path)
			->callMethod("Initiate")
			.onInterface(kUssd)
			.withTimeout(timeout)
			.withArguments(code)
			.storeResultsTo(reply);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	return reply;
}

std::string Client::ussdRespond(const std::string &modem, const std::string &answer,
				std::chrono::milliseconds timeout)
{
	std::string path = resolve(modem);
	std::string reply;
	try {
		impl_->proxy(path)
			->callMethod("Respond")
			.onInterface(kUssd)
			.withTimeout(timeout)
			.withArguments(answer)
			.storeResultsTo(reply);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	return reply;
}

std::string Client::ussdState(const std::string &modem)
{
	std::string path = resolve(modem);
	try {
		return impl_->proxy(path)->getProperty("State").onInterface(kUssd).get<std::string>();
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
}

void Client::ussdCancel(const std::string &modem)
{
	std::string path = resolve(modem);
	try {
		impl_->proxy(path)->callMethod("Cancel").onInterface(kUssd);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
}

void Client::watch(const std::function<bool(const Event &)> &onEvent,
		   std::optional<std::chrono::milliseconds> limit)
{
	bool keepGoing = true;
	auto deliver = [&](const Event &e) {
		if (keepGoing)
			keepGoing = onEvent(e);
	};
	// Matches on the whole service: every modem, present and future. The slots end the
	// matches when watch() returns, so nothing refers to this frame afterwards.
	auto &c = *impl_->connection;
	std::vector<sdbus::Slot> slots;
	try {
		slots.push_back(c.addMatch(
			"type='signal',sender='org.zanryo.Zanryo1',interface='org.freedesktop.DBus.Properties',"
			"member='PropertiesChanged'",
			[&](sdbus::Message &msg) {
				std::string iface;
				Properties changed;
				std::vector<std::string> invalidated;
				msg >> iface >> changed >> invalidated;
				Event e{ Event::Kind::Changed, msg.getPath(), {}, {}, 0, 0, iface, {} };
				for (auto &[k, v] : changed) {
					e.properties.push_back(k);
					if (auto value = valueOf(v))
						e.values.emplace_back(k, std::move(*value));
				}
				for (auto &k : invalidated)
					e.properties.push_back(k);
				deliver(e);
			}));
		slots.push_back(c.addMatch(
			"type='signal',sender='org.zanryo.Zanryo1',interface='org.freedesktop.DBus.ObjectManager'",
			[&](sdbus::Message &msg) {
				sdbus::ObjectPath path;
				msg >> path;
				bool added = std::string(msg.getMemberName()) == "InterfacesAdded";
				deliver(Event{ added ? Event::Kind::ModemAdded : Event::Kind::ModemRemoved, path, {}, {},
					       0, 0, {}, {} });
			}));
		slots.push_back(c.addMatch(
			"type='signal',sender='org.zanryo.Zanryo1',interface='org.zanryo.Zanryo1.Balance',"
			"member='Low'",
			[&](sdbus::Message &msg) {
				Event e{ Event::Kind::Low, msg.getPath(), {}, {}, 0, 0, {}, {} };
				msg >> e.what >> e.value >> e.threshold;
				deliver(e);
			}));
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}

	const bool limited = limit.has_value();
	const auto end = std::chrono::steady_clock::now() + limit.value_or(std::chrono::milliseconds(0));
	while (keepGoing) {
		while (keepGoing && c.processPendingRequest()) {
		}
		if (!keepGoing)
			break;
		auto poll = c.getEventLoopPollData();
		int waitMs = -1;
		if (limited) {
			auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
			if (left.count() <= 0)
				break;
			waitMs = int(left.count());
		}
		int busMs = poll.getPollTimeout();
		if (busMs >= 0)
			waitMs = waitMs < 0 ? busMs : std::min(waitMs, busMs);
		pollfd fd{ poll.fd, poll.events, 0 };
		::poll(&fd, 1, waitMs);
	}
}

Client::PollData Client::pollData()
{
	try {
		auto poll = impl_->connection->getEventLoopPollData();
		return PollData{ poll.fd, poll.events, poll.getPollTimeout() };
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
}

void Client::processPending()
{
	try {
		while (impl_->connection->processPendingRequest()) {
		}
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
}

struct ModemMirror::Slots {
	std::vector<sdbus::Slot> slots;
};

ModemMirror::ModemMirror(Client &client, std::function<void(const Change &)> onChange)
	: client_(client), onChange_(std::move(onChange)), slots_(std::make_unique<Slots>())
{
	auto &c = *client_.impl_->connection;
	auto notify = [this](const Change &change) {
		if (onChange_)
			onChange_(change);
	};
	try {
		// zanryod's arrival and departure: the bus daemon's NameOwnerChanged for its name.
		slots_->slots.push_back(c.addMatch(
			"type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',"
			"member='NameOwnerChanged',arg0='org.zanryo.Zanryo1'",
			[this, notify](sdbus::Message &msg) {
				std::string name, oldOwner, newOwner;
				msg >> name >> oldOwner >> newOwner;
				if (name != kService)
					return;
				if (newOwner.empty()) {
					present_ = false;
					modems_.clear();
					notify(Change{ Change::Kind::DaemonVanished, {}, {}, {}, {}, 0, 0 });
					return;
				}
				reload();
				notify(Change{ Change::Kind::DaemonAppeared, {}, {}, {}, {}, 0, 0 });
			}));
		slots_->slots.push_back(c.addMatch(
			"type='signal',sender='org.zanryo.Zanryo1',interface='org.freedesktop.DBus.Properties',"
			"member='PropertiesChanged'",
			[this, notify](sdbus::Message &msg) {
				std::string iface;
				Properties changed;
				std::vector<std::string> invalidated;
				msg >> iface >> changed >> invalidated;
				auto it = modems_.find(msg.getPath());
				if (it == modems_.end())
					return;
				if (iface == kModem)
					applyModem(it->second, changed);
				else if (iface == kBalance)
					applyBalance(it->second.balance, changed);
				else if (iface == kUsage)
					applyUsage(it->second.usage, changed);
				Change change{ Change::Kind::Changed, it->first, iface, {}, {}, 0, 0 };
				for (auto &[k, v] : changed)
					change.properties.push_back(k);
				for (auto &k : invalidated)
					change.properties.push_back(k);
				notify(change);
			}));
		slots_->slots.push_back(c.addMatch(
			"type='signal',sender='org.zanryo.Zanryo1',interface='org.freedesktop.DBus.ObjectManager'",
			[this, notify](sdbus::Message &msg) {
				sdbus::ObjectPath path;
				msg >> path;
				if (std::string(msg.getMemberName()) == "InterfacesAdded") {
					Interfaces ifaces;
					msg >> ifaces;
					auto s = modemFrom(path, ifaces);
					if (!s)
						return;
					modems_[path] = std::move(*s);
					notify(Change{ Change::Kind::ModemAdded, path, {}, {}, {}, 0, 0 });
				} else if (modems_.erase(path)) {
					notify(Change{ Change::Kind::ModemRemoved, path, {}, {}, {}, 0, 0 });
				}
			}));
		slots_->slots.push_back(c.addMatch(
			"type='signal',sender='org.zanryo.Zanryo1',interface='org.zanryo.Zanryo1.Balance',"
			"member='Low'",
			[notify](sdbus::Message &msg) {
				Change change{ Change::Kind::Low, msg.getPath(), kBalance, {}, {}, 0, 0 };
				msg >> change.what >> change.value >> change.threshold;
				notify(change);
			}));
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	// Matches first, then the snapshot: a change between the two is not lost.
	bool owned = false;
	try {
		sdbus::createProxy(c, "org.freedesktop.DBus", "/org/freedesktop/DBus")
			->callMethod("NameHasOwner")
			.onInterface("org.freedesktop.DBus")
			.withArguments(std::string(kService))
			.storeResultsTo(owned);
	} catch (const sdbus::Error &e) {
		rethrow(e);
	}
	if (owned)
		reload();
}

ModemMirror::~ModemMirror() = default;

void ModemMirror::reload()
{
	// Asked only when zanryod is known to be on the bus, so this never activates it.
	std::vector<ModemStatus> all;
	try {
		all = client_.modems();
	} catch (const Error &) {
		// It left again between the signal and the call; NameOwnerChanged follows.
		present_ = false;
		modems_.clear();
		return;
	}
	present_ = true;
	modems_.clear();
	for (ModemStatus &s : all)
		modems_.emplace(s.path, std::move(s));
}

std::string formatBytes(std::uint64_t bytes)
{
	static const char *units[] = { "B", "KB", "MB", "GB", "TB" };
	double v = double(bytes);
	int u = 0;
	while (v >= 1024.0 && u < 4) {
		v /= 1024.0;
		u++;
	}
	char buf[32];
	if (u == 0)
		std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
	else
		std::snprintf(buf, sizeof buf, "%.2f %s", v, units[u]);
	return buf;
}

} /* namespace zanryo::client */
