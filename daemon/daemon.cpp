#include "daemon.hpp"

#include <systemd/sd-daemon.h>

#include "caller_auth.hpp"
#include "log.hpp"

namespace zanryo {

ManagerObject::ManagerObject(sdbus::IConnection &connection, Daemon &daemon)
	: AdaptorInterfaces(connection, Daemon::kRootPath), daemon_(daemon)
{
	registerAdaptor();
}

ManagerObject::~ManagerObject()
{
	unregisterAdaptor();
}

uint32_t ManagerObject::RefreshAll()
{
	// The bus policy restricts this method; checked here too, should a policy be lax.
	if (auto refused = refusePrivileged(getObject(), "RefreshAll"))
		throw *refused;
	return daemon_.refreshAll();
}

std::string ManagerObject::Version()
{
	return Daemon::kVersion;
}

Daemon::Daemon(boost::asio::io_context &io, std::unique_ptr<sdbus::IConnection> connection,
	       Config config, std::optional<ProviderSource> providers, ModemFactory factory)
	: io_(io), connection_(std::move(connection)), config_(std::move(config)),
	  providers_(std::move(providers)), factory_(std::move(factory)), store_(config_.stateDir),
	  watchdog_(io)
{
}

Daemon::~Daemon()
{
	stop();
	discovery_.reset();
	services_.clear();
	retiring_.clear();
	manager_.reset();
	busLoop_.reset();
}

bool Daemon::start()
{
	// The ObjectManager must exist before modem objects so InterfacesAdded is sent.
	manager_ = std::make_unique<ManagerObject>(*connection_, *this);
	busLoop_ = std::make_unique<BusLoop>(io_, *connection_);
	serviceContext_ = std::make_unique<ServiceContext>(ServiceContext{
		io_, *connection_, *busLoop_, store_, providers_ ? &*providers_ : nullptr });
	if (unsigned removed = removeStaleTemporaries(config_.stateDir); removed > 0)
		logInfo("removed {} unfinished state file(s) left by an earlier run", removed);
	openHistory();

	bool everyErrorIsConfig = true;
	for (size_t i = 0; i < config_.modems.size(); i++) {
		const ModemConfig &m = config_.modems[i];
		auto modem = factory_(io_, m);
		if (!modem) {
			logError("{}: {}", m.name.empty() ? m.device : m.name, modem.error().message());
			everyErrorIsConfig = everyErrorIsConfig && modem.error().code == Errc::ConfigError;
			continue;
		}
		services_[Discovery::configuredKey(i)] =
			std::make_unique<ModemService>(*serviceContext_, m, std::move(modem).value());
	}
	for (auto &[key, s] : services_)
		s->start();
	bool ok = config_.modems.empty() || !services_.empty();
	failedOnConfig_ = !ok && everyErrorIsConfig;
	if (!ok)
		return false;

	if (config_.discover != DiscoverMode::Off) {
		bool withQmi = false;
#ifdef ZANRYO_HAVE_QMI
		withQmi = true;
#endif
		auto mm = std::make_unique<MmWatcher>(*connection_, [this] { busLoop_->rearm(); });
		std::unique_ptr<DirectDiscovery> direct;
		if (config_.discover == DiscoverMode::Auto || config_.discover == DiscoverMode::Direct) {
			// The real udev monitor only for the real sysfs: a test's fake tree gets
			// no kernel events, and must not get the machine's.
			std::unique_ptr<UeventSource> events;
			if (config_.sysfsRoot == "/sys")
				events = makeUdevMonitor(io_);
			direct = std::make_unique<DirectDiscovery>(io_, config_.sysfsRoot, config_.devRoot, withQmi,
								   std::move(events));
		}
		discovery_ = std::make_unique<Discovery>(io_, config_.discover, config_.modems, config_.defaults, *this,
							 std::move(mm), std::move(direct));
		discovery_->start();
	}

	startWatchdog();
	sd_notify(0, "READY=1");
	notifyStatus();
	return true;
}

bool Daemon::addModem(const std::string &key, const ModemConfig &config)
{
	if (services_.count(key))
		return true;
	auto modem = factory_(io_, config);
	if (!modem) {
		logError("{} ({}): {}", key, config.device, modem.error().message());
		return false;
	}
	auto &service = services_[key];
	service = std::make_unique<ModemService>(*serviceContext_, config, std::move(modem).value());
	service->start();
	notifyStatus();
	return true;
}

void Daemon::removeModem(const std::string &key)
{
	auto it = services_.find(key);
	if (it == services_.end())
		return;
	std::unique_ptr<ModemService> service = std::move(it->second);
	services_.erase(it);
	ModemService *raw = service.get();
	retiring_.push_back(std::move(service));
	raw->retire([this, raw] {
		retiring_.remove_if([raw](const std::unique_ptr<ModemService> &s) { return s.get() == raw; });
	});
	notifyStatus();
}

void Daemon::notifyStatus()
{
	sd_notifyf(0, "STATUS=%zu modem(s)", services_.size());
}

void Daemon::openHistory()
{
	if (config_.historyDays == 0)
		return;
	// One file for every SIM; rows are keyed by the same hashed SIM key as the state files.
	auto opened = HistoryStore::open(config_.stateDir + "/history.sqlite", config_.historyDays);
	if (!opened) {
		logError("{}; running without history", opened.error().message());
		return;
	}
	history_ = std::move(opened).value();
	serviceContext_->history = history_.get();
}

void Daemon::stop()
{
	watchdog_.cancel();
	for (auto &[key, s] : services_)
		s->stop();
	for (auto &s : retiring_)
		s->stop();
	if (busLoop_)
		busLoop_->stop();
}

unsigned Daemon::refreshAll()
{
	unsigned started = 0;
	for (auto &[key, s] : services_)
		started += s->startQueryIfAllowed() ? 1 : 0;
	return started;
}

void Daemon::startWatchdog()
{
	uint64_t usec = 0;
	// Only when systemd asked for it: no timer wakes an idle daemon otherwise.
	if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0)
		return;
	watchdog_.expires_after(std::chrono::microseconds(usec / 2));
	watchdog_.async_wait([this](const boost::system::error_code &ec) {
		if (ec)
			return;
		sd_notify(0, "WATCHDOG=1");
		startWatchdog();
	});
}

} /* namespace zanryo */
