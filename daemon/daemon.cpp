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
	services_.clear();
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
	for (const ModemConfig &m : config_.modems) {
		auto modem = factory_(io_, m);
		if (!modem) {
			logError("{}: {}", m.name.empty() ? m.device : m.name, modem.error().message());
			everyErrorIsConfig = everyErrorIsConfig && modem.error().code == Errc::ConfigError;
			continue;
		}
		services_.push_back(std::make_unique<ModemService>(*serviceContext_, m, std::move(modem).value()));
	}
	for (auto &s : services_)
		s->start();

	startWatchdog();
	sd_notifyf(0, "READY=1\nSTATUS=%zu modem(s)", services_.size());
	bool ok = config_.modems.empty() || !services_.empty();
	failedOnConfig_ = !ok && everyErrorIsConfig;
	return ok;
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
	for (auto &s : services_)
		s->stop();
	if (busLoop_)
		busLoop_->stop();
}

unsigned Daemon::refreshAll()
{
	unsigned started = 0;
	for (auto &s : services_)
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
